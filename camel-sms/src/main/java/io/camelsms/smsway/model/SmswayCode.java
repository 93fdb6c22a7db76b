package io.camelsms.smsway.model;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.camelsms.core.SmsProviderException.Failure;

/**
 * Every {@code res} code of the SmsWay remote API, with its documented meaning, whether trying again may help, and
 * whether it concerns the whole account (so a multi-message send stops instead of failing every message the same
 * way). What each code says about the request is decided here and nowhere else: 0 ("push notification failed") and
 * -4 ("generic error") do not say whether the SMS left, so their outcome is unknown (a read is retried on them, a
 * send is not); every other code refuses the request for good.
 */
public enum SmswayCode {
    SUCCESS(1, "success", null, false),
    /** On smssend; on the other calls the document says only "0 fails". */
    PUSH_NOTIFICATION_FAILED(0, "push notification failed", Failure.UNKNOWN, false),
    NO_CREDITS(-2, "smsToken (credits) insufficient", Failure.REFUSED, true),
    OVER_THRESHOLD(-3, "request above threshold (exceeds the set limits, if set)", Failure.REFUSED, true),
    GENERIC_ERROR(-4, "generic error", Failure.UNKNOWN, false),
    PREFIX_NOT_ALLOWED(-5, "international prefix not allowed (if set)", Failure.REFUSED, false),
    APIKEY_INVALID(-21, "Apikey is not valid", Failure.REFUSED, true),
    INVALID_USER_ROLE(-22, "invalid user role", Failure.REFUSED, true),
    USER_DISABLED(-23, "user disabled", Failure.REFUSED, true),
    AUTH_GENERIC_ERROR(-24, "generic error (authentication)", Failure.REFUSED, true),
    UNAUTHORIZED_SOURCE_IP(-25, "unauthorized source ip address (not in the account's ipv4grant)", Failure.REFUSED,
            true);

    /** What {@code res 0} means on userinfo, updateuserinfo and smsgetlast. */
    public static final String FAILED_MEANING = "fails";

    private static final Map<Integer, SmswayCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(SmswayCode::code, Function.identity()));

    private final int code;
    private final String meaning;
    private final Failure failure;
    private final boolean accountWide;

    SmswayCode(int code, String meaning, Failure failure, boolean accountWide) {
        this.code = code;
        this.meaning = meaning;
        this.failure = failure;
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

    /** What the code says about the request; null for success. */
    public Failure failure() {
        return failure;
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
