package io.camelsms.painel.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every JSON reply of the panel: {@code {"status":1,"data":...,"msg":"SUCESSO"}}. {@code data} is the campaign id
 * (sendsms), a number (getbalance), a text block (getstatus) or null (holdsms, releasesms).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PainelResponse(
        @JsonProperty("status") Integer status,
        @JsonProperty("data") JsonNode data,
        @JsonProperty("msg") String msg) {

    public boolean succeeded() {
        return status != null && status == PainelApi.STATUS_SUCCESS;
    }

    /** {@code data} as text, or null when absent or JSON null. */
    public String dataText() {
        return data == null || data.isNull() ? null : data.asText();
    }
}
