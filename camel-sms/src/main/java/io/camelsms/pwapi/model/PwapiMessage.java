package io.camelsms.pwapi.model;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.camelsms.core.Phone;

/** One entry of {@code messages} in a PW-API 4.0 SEND_MESSAGE request. */
@JsonPropertyOrder({"id_extern", "aux_user", "mobile", "send_project", "message"})
@JsonSerialize(using = PwapiMessage.Writer.class)
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

    /**
     * Writes a message as Jackson's bean serializer would (the same fields, order and escaping: JsonTest compares
     * them), with the text quoted once for all the messages that share it, as a bulk send's do: quoting a 100-character
     * text for each of a million messages was most of the request's JSON cost.
     */
    static final class Writer extends StdSerializer<PwapiMessage> {
        private static final SerializedString ID_EXTERN = new SerializedString("id_extern");
        private static final SerializedString AUX_USER = new SerializedString("aux_user");
        private static final SerializedString MOBILE = new SerializedString("mobile");
        private static final SerializedString SEND_PROJECT = new SerializedString("send_project");
        private static final SerializedString MESSAGE = new SerializedString("message");

        /** The last text written, quoted (null: left to the generator); compared by identity (the same String). */
        private volatile QuotedText last = new QuotedText("", new SerializedString(""));

        private record QuotedText(String text, SerializedString quoted) {
        }

        Writer() {
            super(PwapiMessage.class);
        }

        @Override
        public void serialize(PwapiMessage message, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            json.writeStartObject(message);
            json.writeFieldName(ID_EXTERN);
            json.writeString(message.idExtern());
            json.writeFieldName(AUX_USER);
            json.writeString(message.auxUser());
            json.writeFieldName(MOBILE);
            json.writeString(message.mobile());
            json.writeFieldName(SEND_PROJECT);
            json.writeString(message.sendProject());
            json.writeFieldName(MESSAGE);
            String text = message.message();
            if (text == null) {
                json.writeNull();
            } else {
                QuotedText quoted = last;
                if (quoted.text() != text) {
                    quoted = new QuotedText(text, text.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? null
                            : new SerializedString(text));
                    last = quoted;
                }
                if (quoted.quoted() != null) {
                    json.writeString(quoted.quoted());
                } else { // quoted ahead, a character outside the BMP would be raw UTF-8: the generator escapes it
                    json.writeString(text);
                }
            }
            json.writeEndObject();
        }
    }
}
