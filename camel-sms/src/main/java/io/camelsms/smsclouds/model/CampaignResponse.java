package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The success body of a campaign (send / SMS clic): the campaign id, its route, count and the balance left. */
public record CampaignResponse(
        @JsonProperty("message") String message,
        @JsonProperty("campaign") Long campaign,
        @JsonProperty("campaign_name") String campaignName,
        @JsonProperty("route") String route,
        @JsonProperty("country") String country,
        @JsonProperty("scheduled_date") String scheduledDate,
        @JsonProperty("recipients_count") Integer recipientsCount,
        @JsonProperty("encode") Boolean encode,
        @JsonProperty("long_message") Boolean longMessage,
        @JsonProperty("balance") Double balance,
        @JsonProperty("token_expires") String tokenExpires) {
}
