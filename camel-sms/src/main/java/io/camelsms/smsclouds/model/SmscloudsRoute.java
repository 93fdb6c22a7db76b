package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /api/v3/user/routes}: the id to send as {@code route}. */
public record SmscloudsRoute(
        @JsonProperty("route") Integer route,
        @JsonProperty("name") String name,
        @JsonProperty("country") String country,
        @JsonProperty("price") Double price,
        @JsonProperty("description") String description) {
}
