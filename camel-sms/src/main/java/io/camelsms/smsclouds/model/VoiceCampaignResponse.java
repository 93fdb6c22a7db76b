package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The success body of {@code POST /api/v3/voice}. */
public record VoiceCampaignResponse(
        @JsonProperty("message") String message,
        @JsonProperty("voice_campaign") Long voiceCampaign,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("country") String country,
        @JsonProperty("scheduled_date") String scheduledDate,
        @JsonProperty("recipients_count") Integer recipientsCount,
        @JsonProperty("status") String status,
        @JsonProperty("balance") Double balance) {
}
