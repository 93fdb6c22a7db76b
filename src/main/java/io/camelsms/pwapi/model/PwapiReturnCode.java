package io.camelsms.pwapi.model;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The return codes of the PW-API 4.0 document, with their meaning and whether sending again may help. */
public enum PwapiReturnCode {
    SUCCESS("000", "Success - JSON is OK", false),
    INVALID_CREDENTIAL("001", "Credential and/or Token invalids", false),
    TEST_ACCOUNT("002", "API not available for Test Accounts", false),
    ACCOUNT_INACTIVE("003", "Account Inactive", false),
    TOO_MANY_MESSAGES("004", "Exceeded the limit of 20.000 messages", false),
    WRONG_VERSION("005", "Wrong Version", false),
    INVALID_VERSION("006", "Version is invalid", false),
    UNKNOWN_FUNCTION("007", "Function does not exist", false),
    INVALID_ATTRIBUTE("008", "Attribute invalid", false),
    ACCOUNT_BLOCKED("009", "Account blocked", false),
    INVALID_JSON_600("600", "JSON is invalid", false),
    INVALID_JSON_601("601", "JSON is invalid", false),
    INVALID_JSON_602("602", "JSON is invalid", false),
    INVALID_JSON_603("603", "JSON is invalid", false),
    INTERNAL_ERROR_900("900", "Internal Error", true),
    INTERNAL_ERROR_901("901", "Internal Error", true),
    INTERNAL_ERROR_902("902", "Internal Error", true),
    SEND_AGAIN("905", "POST not accepted. Send again.", true);

    private static final Map<String, PwapiReturnCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(PwapiReturnCode::code, Function.identity()));

    private final String code;
    private final String meaning;
    private final boolean retryable;

    PwapiReturnCode(String code, String meaning, boolean retryable) {
        this.code = code;
        this.meaning = meaning;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The documented code, or null for a code the document does not list. */
    public static PwapiReturnCode of(String code) {
        return code == null ? null : BY_CODE.get(code.strip());
    }
}
