package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The success body of {@code POST /api/v1/email}. */
public record EmailCampaignResponse(
        @JsonProperty("message") String message,
        @JsonProperty("email_campaign_id") Long emailCampaignId) {
}
