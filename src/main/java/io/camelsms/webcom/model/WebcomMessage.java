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
     * Flash SMS. The JSON document names only {@code viber} and {@code sms} for {@code type_send_1} while its title
     * promises Flash SMS too; {@code flash} is this component's reading of that.
     */
    public static final String TYPE_FLASH = "flash";
    /** The values of {@code type_send_1} the component sends. */
    public static final List<String> TYPES = List.of(TYPE_SMS, TYPE_VIBER, TYPE_FLASH);

    /** "The sender must not exceed 15 characters for numeric numbers and 11 characters for alphanumeric numbers". */
    public static final int MAX_SENDER_NUMERIC = 15;
    public static final int MAX_SENDER_ALPHANUMERIC = 11;

    /** The document's sender limit for this sender: numeric ones may be longer. */
    public static int maxSenderLength(String sender) {
        return sender != null && !sender.isEmpty() && sender.chars().allMatch(Character::isDigit)
                ? MAX_SENDER_NUMERIC : MAX_SENDER_ALPHANUMERIC;
    }
}
