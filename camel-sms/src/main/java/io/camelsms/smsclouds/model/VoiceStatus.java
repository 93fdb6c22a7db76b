package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /api/v3/voice/{id}}: the blaster campaign and each call's status (0-3). */
public record VoiceStatus(
        @JsonProperty("message") String message,
        @JsonProperty("voice_campaign") Long voiceCampaign,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("country") String country,
        @JsonProperty("text") String text,
        @JsonProperty("audio") Integer audio,
        @JsonProperty("scheduled_date") String scheduledDate,
        @JsonProperty("recipients_count") Integer recipientsCount,
        @JsonProperty("recipients_processed") Integer recipientsProcessed,
        @JsonProperty("remittent") String remittent,
        @JsonProperty("transfer_num") String transferNum,
        @JsonProperty("transfer_key") Integer transferKey,
        @JsonProperty("status") String status,
        @JsonProperty("voice_messages") List<VoiceMessage> voiceMessages) {

    public VoiceStatus {
        voiceMessages = voiceMessages == null ? List.of() : List.copyOf(voiceMessages);
    }
}
