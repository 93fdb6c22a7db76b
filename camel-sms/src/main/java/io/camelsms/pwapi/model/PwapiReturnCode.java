package io.camelsms.pwapi.model;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.camelsms.core.SmsProviderException.Failure;

import static io.camelsms.core.SmsProviderException.Failure.REFUSED;
import static io.camelsms.core.SmsProviderException.Failure.REFUSED_TRY_LATER;
import static io.camelsms.core.SmsProviderException.Failure.UNKNOWN;

/**
 * The return codes of the PW-API 4.0 document, with their meaning and what each says about the request: 001-009
 * and 600-603 refuse it for good; 905 "POST not accepted. Send again." refuses it for now (retried); 900-902
 * "Internal Error" do not say whether the messages were taken, so their outcome is unknown (never resent blindly).
 */
public enum PwapiReturnCode {
    SUCCESS("000", "Success - JSON is OK", null),
    INVALID_CREDENTIAL("001", "Credential and/or Token invalids", REFUSED),
    TEST_ACCOUNT("002", "API not available for Test Accounts", REFUSED),
    ACCOUNT_INACTIVE("003", "Account Inactive", REFUSED),
    TOO_MANY_MESSAGES("004", "Exceeded the limit of 20.000 messages", REFUSED),
    WRONG_VERSION("005", "Wrong Version", REFUSED),
    INVALID_VERSION("006", "Version is invalid", REFUSED),
    UNKNOWN_FUNCTION("007", "Function does not exist", REFUSED),
    INVALID_ATTRIBUTE("008", "Attribute invalid", REFUSED),
    ACCOUNT_BLOCKED("009", "Account blocked", REFUSED),
    INVALID_JSON_600("600", "JSON is invalid", REFUSED),
    INVALID_JSON_601("601", "JSON is invalid", REFUSED),
    INVALID_JSON_602("602", "JSON is invalid", REFUSED),
    INVALID_JSON_603("603", "JSON is invalid", REFUSED),
    INTERNAL_ERROR_900("900", "Internal Error", UNKNOWN),
    INTERNAL_ERROR_901("901", "Internal Error", UNKNOWN),
    INTERNAL_ERROR_902("902", "Internal Error", UNKNOWN),
    SEND_AGAIN("905", "POST not accepted. Send again.", REFUSED_TRY_LATER);

    private static final Map<String, PwapiReturnCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(PwapiReturnCode::code, Function.identity()));

    private final String code;
    private final String meaning;
    private final Failure failure;

    PwapiReturnCode(String code, String meaning, Failure failure) {
        this.code = code;
        this.meaning = meaning;
        this.failure = failure;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** What the code says about the request; null for success. */
    public Failure failure() {
        return failure;
    }

    /** The documented code, or null for a code the document does not list. */
    public static PwapiReturnCode of(String code) {
        return code == null ? null : BY_CODE.get(code.strip());
    }
}
