package io.camelsms.webcom.model;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of the status reply: {@code {"id_sms":82216,"time_change_state":"2021-04-26 15:15:03","state":"deliver",
 * "num_parts":1,"price":10.6}}; {@code num_parts} and {@code price} only with {@code detail=1}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id_sms", "time_change_state", "state", "num_parts", "price"})
public record WebcomState(
        @JsonProperty("id_sms") String idSms,
        @JsonProperty("time_change_state") String timeChangeState,
        @JsonProperty("state") String state,
        @JsonProperty("num_parts") Integer numParts,
        @JsonProperty("price") BigDecimal price) {
}
