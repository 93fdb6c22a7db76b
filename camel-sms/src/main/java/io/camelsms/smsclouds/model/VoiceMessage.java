package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.camelsms.core.DeliveryStatus;

/** One call of a blaster campaign, from {@code GET /api/v3/voice/{id}}. */
public record VoiceMessage(
        @JsonProperty("voice_message") Long voiceMessage,
        @JsonProperty("cellphone") String cellphone,
        @JsonProperty("sent_date") String sentDate,
        @JsonProperty("voice_message_status") Integer voiceMessageStatus) {

    /** The documented status, or null when the code is not in the document. */
    @JsonIgnore
    public VoiceMessageStatus status() {
        return VoiceMessageStatus.of(voiceMessageStatus);
    }

    /** The normalised status; UNKNOWN for a code the document does not list. */
    @JsonIgnore
    public DeliveryStatus deliveryStatus() {
        VoiceMessageStatus status = status();
        return status == null ? DeliveryStatus.UNKNOWN : status.normalised();
    }
}
