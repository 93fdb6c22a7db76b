package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One message of {@code GET /api/v3/campaign/{id}/messages}. */
public record CampaignMessage(
        @JsonProperty("id") Long id,
        @JsonProperty("cellphone") String cellphone,
        @JsonProperty("status") String status,
        @JsonProperty("sent_date") String sentDate,
        @JsonProperty("text") String text) {
}
