package io.camelsms.webcom.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of {@code message} in a send: one type, sender and text, to many {@code phones}.
 */
@JsonPropertyOrder({"type_send_1", "sender", "text", "phones"})
public record WebcomMessage(
        @JsonProperty("type_send_1") String typeSend,
        @JsonProperty("sender") String sender,
        @JsonProperty("text") String text,
        @JsonProperty("phones") List<WebcomPhone> phones) {

    public static final String TYPE_SMS = "sms";
    public static final String TYPE_VIBER = "viber";
    /**
     * The values the document defines for {@code type_send_1}: "Type of message to be sent viber or sms". Its title
     * names Flash SMS, but no field of the JSON send turns an SMS into a flash SMS, so none is offered.
     */
    public static final List<String> TYPES = List.of(TYPE_SMS, TYPE_VIBER);

    /** "The sender must not exceed 15 characters for numeric numbers and 11 characters for alphanumeric numbers". */
    public static final int MAX_SENDER_NUMERIC = 15;
    public static final int MAX_SENDER_ALPHANUMERIC = 11;

    /** The document's sender limit for this sender: numeric ones may be longer. */
    public static int maxSenderLength(String sender) {
        return sender != null && !sender.isEmpty() && sender.chars().allMatch(Character::isDigit)
                ? MAX_SENDER_NUMERIC : MAX_SENDER_ALPHANUMERIC;
    }
}
