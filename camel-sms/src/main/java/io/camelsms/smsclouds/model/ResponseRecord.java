package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One MO of {@code POST /api/v3/responses}, with the fields of the document's type 4 example. The document does
 * not show the result of types 1 to 3; {@code cellphone} is read when present, and unknown fields are ignored.
 */
public record ResponseRecord(
        @JsonProperty("received_id") Long receivedId,
        @JsonProperty("campaign_id") Long campaignId,
        @JsonProperty("campaign_name") String campaignName,
        @JsonProperty("message_id") Long messageId,
        @JsonProperty("cellphone") String cellphone,
        @JsonProperty("message") String message,
        @JsonProperty("response") String response,
        @JsonProperty("sent_at") String sentAt,
        @JsonProperty("received_at") String receivedAt) {
}
