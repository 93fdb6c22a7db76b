package io.camelsms.smsway.model;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code res} code of the SmsWay remote API, with its documented meaning, whether trying again may help, and
 * whether it concerns the whole account (so a multi-message send stops instead of failing every message the same
 * way). Retryability is decided here and nowhere else.
 */
public enum SmswayCode {
    SUCCESS(1, "success", false, false),
    /** On smssend; on the other calls the document says only "0 fails". */
    PUSH_NOTIFICATION_FAILED(0, "push notification failed", true, false),
    NO_CREDITS(-2, "smsToken (credits) insufficient", false, true),
    OVER_THRESHOLD(-3, "request above threshold (exceeds the set limits, if set)", false, true),
    GENERIC_ERROR(-4, "generic error", true, false),
    PREFIX_NOT_ALLOWED(-5, "international prefix not allowed (if set)", false, false),
    APIKEY_INVALID(-21, "Apikey is not valid", false, true),
    INVALID_USER_ROLE(-22, "invalid user role", false, true),
    USER_DISABLED(-23, "user disabled", false, true),
    AUTH_GENERIC_ERROR(-24, "generic error (authentication)", false, true),
    UNAUTHORIZED_SOURCE_IP(-25, "unauthorized source ip address (not in the account's ipv4grant)", false, true);

    /** What {@code res 0} means on userinfo, updateuserinfo and smsgetlast. */
    public static final String FAILED_MEANING = "fails";

    private static final Map<Integer, SmswayCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(SmswayCode::code, Function.identity()));

    private final int code;
    private final String meaning;
    private final boolean retryable;
    private final boolean accountWide;

    SmswayCode(int code, String meaning, boolean retryable, boolean accountWide) {
        this.code = code;
        this.meaning = meaning;
        this.retryable = retryable;
        this.accountWide = accountWide;
    }

    public int code() {
        return code;
    }

    /** The document's meaning on smssend (and of the authentication codes on any call). */
    public String meaning() {
        return meaning;
    }

    /** The meaning on {@code call} ({@code smssend}, {@code smsgetlast}, {@code userinfo}, {@code updateuserinfo}). */
    public String meaningOn(String call) {
        return this == PUSH_NOTIFICATION_FAILED && !"smssend".equals(call) ? FAILED_MEANING : meaning;
    }

    /** 0 and -4: may succeed when sent again, with backoff. */
    public boolean retryable() {
        return retryable;
    }

    /** The account cannot send at all now (credentials, IP, credits, limits): the next message would fail too. */
    public boolean accountWide() {
        return accountWide;
    }

    public boolean isAuthentication() {
        return code <= -21 && code >= -25;
    }

    /** The documented code, or null for one the document does not list. */
    public static SmswayCode of(int code) {
        return BY_CODE.get(code);
    }
}
