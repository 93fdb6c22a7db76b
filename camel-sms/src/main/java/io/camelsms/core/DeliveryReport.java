package io.camelsms.core;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One status change of one sent message.
 *
 * @param provider          the component scheme, e.g. {@code smsclouds}
 * @param providerMessageId the provider's id of the message, where it has one
 * @param campaignId        the provider's batch or campaign id, where it has one
 * @param recipient         the number the message went to, as the provider reports it
 * @param externalId        the caller's id of the message, where known
 * @param status            the normalised status
 * @param rawStatus         the provider's own status text or code
 * @param statusAt          when the provider says the change happened, if it says
 * @param detail            extra provider detail (carrier, error text, price), optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "eventId", allowGetters = true)
public record DeliveryReport(
        String provider,
        String providerMessageId,
        String campaignId,
        String recipient,
        String externalId,
        DeliveryStatus status,
        String rawStatus,
        Instant statusAt,
        String detail) implements SmsEvent {

    /** Same for the same change of the same message, however many times it is observed. */
    @JsonProperty("eventId")
    @Override
    public String eventId() {
        return EventIds.of("dlr", provider, campaignId, providerMessageId, recipient, rawStatus);
    }

    @Override
    public String phone() {
        return recipient;
    }
}
