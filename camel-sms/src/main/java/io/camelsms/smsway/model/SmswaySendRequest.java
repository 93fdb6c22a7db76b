package io.camelsms.smsway.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code POST /remote/smssend}. {@code tokenapi} is only written when the key goes in the body;
 * {@code sim} only when the caller chose a slot (absent = slot 0, as -1).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tokenapi", "recipient", "smstext", "sim"})
public record SmswaySendRequest(
        @JsonProperty("tokenapi") String tokenapi,
        @JsonProperty("recipient") String recipient,
        @JsonProperty("smstext") String smstext,
        @JsonProperty("sim") Integer sim) {

    /** The provider truncates {@code smstext} beyond this many characters. */
    public static final int MAX_SMSTEXT = 160;
    /** {@code sim} -1 (or absent) selects the sim of slot 0. */
    public static final int SIM_AUTO = -1;
    /** Digits only, with the country code: {@code 3938012345678}. */
    public static final String RECIPIENT_PATTERN = "\\d{6,15}";

    @Override
    public String toString() {
        return "SmswaySendRequest[tokenapi=" + (tokenapi == null ? "(cookie)" : "***") + ", recipient=" + recipient
                + ", smstext=" + (smstext == null ? 0 : smstext.length()) + " chars, sim=" + sim + "]";
    }
}
