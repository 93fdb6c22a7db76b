package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The success body of {@code POST /api/v3/voice/{id}/cancel}; only a queued (status 0) campaign can be cancelled. */
public record VoiceCancelResponse(
        @JsonProperty("message") String message,
        @JsonProperty("voice_campaign") Long voiceCampaign,
        @JsonProperty("name") String name,
        @JsonProperty("status") String status,
        @JsonProperty("scheduled_date") String scheduledDate) {
}
