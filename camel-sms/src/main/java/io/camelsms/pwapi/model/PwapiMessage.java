package io.camelsms.pwapi.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.camelsms.core.Phone;

/** One entry of {@code messages} in a PW-API 4.0 SEND_MESSAGE request. */
@JsonPropertyOrder({"id_extern", "aux_user", "mobile", "send_project", "message"})
public record PwapiMessage(
        @JsonProperty("id_extern") String idExtern,
        @JsonProperty("aux_user") String auxUser,
        @JsonProperty("mobile") String mobile,
        @JsonProperty("send_project") String sendProject,
        @JsonProperty("message") String message) {

    /** Document limits, in characters (UNICODE allowed in all three). */
    public static final int MAX_ID_EXTERN = 40;
    public static final int MAX_AUX_USER = 20;
    public static final int MAX_MESSAGE = 1000;
    /** {@code send_project} takes S or N. */
    public static final java.util.List<String> SEND_PROJECT_VALUES = java.util.List.of("S", "N");
    /** Country (1-3), area (1-4) and number (4-9) digits: {@code 55(21)988887777}. */
    public static final String MOBILE_PATTERN = "\\d{1,3}\\(\\d{1,4}\\)\\d{4,9}";

    /** {@code CC(AA)NNNNNNNNN}, the mobile format the document requires. */
    public static String mobile(Phone phone) {
        return phone.countryCode() + "(" + phone.nationalDestinationCode() + ")" + phone.subscriberNumber();
    }
}
