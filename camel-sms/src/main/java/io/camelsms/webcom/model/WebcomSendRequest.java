package io.camelsms.webcom.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelsms.core.Json;

/** The body of {@code POST /json}: credentials and the {@code message} groups. */
public record WebcomSendRequest(
        @JsonUnwrapped WebcomAuth auth,
        @JsonProperty("message") List<WebcomMessage> message) {

    /** The fields the field table types Int while the example writes them as strings of digits. */
    private static final List<String> INT_FIELDS = List.of("phone", "client_id_sms");

    /**
     * The JSON body as sent: {@code phone} and {@code client_id_sms} as strings of digits, as the document's example
     * writes them, or with {@code intFieldsAsNumbers} as JSON numbers, as its field table types them (Int).
     */
    public ObjectNode wire(boolean intFieldsAsNumbers) {
        ObjectNode body = Json.MAPPER.valueToTree(this);
        if (intFieldsAsNumbers) {
            for (JsonNode group : body.path("message")) {
                for (JsonNode phone : group.path("phones")) {
                    for (String field : INT_FIELDS) {
                        if (phone.hasNonNull(field)) {
                            ((ObjectNode) phone).put(field, Long.parseLong(phone.get(field).asText()));
                        }
                    }
                }
            }
        }
        return body;
    }

    @Override
    public String toString() {
        return "WebcomSendRequest[" + auth + ", message=" + (message == null ? 0 : message.size()) + " groups]";
    }
}
