package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code GET /api/v3/campaign/{id}/messages}: the campaign's status ({@code inserting}, {@code inserted},
 * {@code canceled}, {@code paused}, {@code updating}, {@code unknown}), its percentage (0 queued, 1-99 in progress,
 * 100 complete) and each message. While {@code inserting} there are no messages yet.
 */
public record CampaignMessages(
        @JsonProperty("message") String message,
        @JsonProperty("campaign") Long campaign,
        @JsonProperty("name") String name,
        @JsonProperty("campaign_status") String campaignStatus,
        @JsonProperty("scheduled_date") String scheduledDate,
        @JsonProperty("recipients_count") Integer recipientsCount,
        @JsonProperty("percentage") Integer percentage,
        @JsonProperty("balance") Double balance,
        @JsonProperty("data") List<CampaignMessage> data) {

    public CampaignMessages {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** Percentage 100: every message left the queue. */
    public boolean complete() {
        return percentage != null && percentage >= 100;
    }
}
