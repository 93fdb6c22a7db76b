package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code POST /api/v3/campaign} (send) and {@code POST /api/v3/smsclic/campaign} (SMS clic, which adds
 * {@code url}). Optional fields left null are not sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"text", "recipients", "campaign_name", "route", "country", "encode", "encode_2", "encode_3",
        "long_message", "scheduled_date", "url"})
public record CampaignRequest(
        @JsonProperty("text") String text,
        @JsonProperty("recipients") List<CampaignRecipient> recipients,
        @JsonProperty("campaign_name") String campaignName,
        @JsonProperty("route") Integer route,
        @JsonProperty("country") Integer country,
        @JsonProperty("encode") Boolean encode,
        @JsonProperty("encode_2") Boolean encode2,
        @JsonProperty("encode_3") Boolean encode3,
        @JsonProperty("long_message") Boolean longMessage,
        @JsonProperty("scheduled_date") String scheduledDate,
        @JsonProperty("url") String url) {

    @Override
    public String toString() {
        return "CampaignRequest[campaign_name=" + campaignName + ", route=" + route + ", country=" + country
                + ", recipients=" + (recipients == null ? 0 : recipients.size()) + "]";
    }
}
