package io.camelsms.webcom.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry the platform pushes to the status webhook: {@code {"id_sms":"...","time":"2011-01-01 12:57:46",
 * "state":"deliver"}}. {@code id_sms} is kept as received (string or number) so it is echoed back exactly.
 */
@JsonPropertyOrder({"id_sms", "time", "state"})
public record WebcomStatusPush(
        @JsonProperty("id_sms") JsonNode idSms,
        @JsonProperty("time") String time,
        @JsonProperty("state") String state) {

    /** The acknowledgement of one id: {@code {"id_sms":3234}}. */
    public record Ack(@JsonProperty("id_sms") JsonNode idSms) {
    }
}
