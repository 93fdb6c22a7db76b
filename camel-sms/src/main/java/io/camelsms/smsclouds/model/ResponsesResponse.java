package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The success body of {@code POST /api/v3/responses}. */
public record ResponsesResponse(
        @JsonProperty("message") String message,
        @JsonProperty("type") String type,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("results") List<ResponseRecord> results) {

    public ResponsesResponse {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
