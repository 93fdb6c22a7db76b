package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /api/v3/user/countries}: the id to send as {@code country}. */
public record SmscloudsCountry(
        @JsonProperty("country") Integer country,
        @JsonProperty("name") String name) {
}
