package io.camelsms.core;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message a handset sent to us (MO): a reply to a campaign or a keyword request.
 *
 * @param provider          the component scheme
 * @param providerMessageId the provider's id of the reply or of the message it answers, where given
 * @param campaignId        the campaign it answers, where known
 * @param from              the sender's number
 * @param text              what the handset sent
 * @param keyword           the keyword matched by the provider, for keyword requests
 * @param receivedAt        when the provider received it
 * @param externalId        the caller's id of the original message, where it can be correlated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "eventId", allowGetters = true)
public record InboundMessage(
        String provider,
        String providerMessageId,
        String campaignId,
        String from,
        String text,
        String keyword,
        Instant receivedAt,
        String externalId) implements SmsEvent {

    @JsonProperty("eventId")
    @Override
    public String eventId() {
        return EventIds.of("mo", provider, providerMessageId, campaignId, from, text, receivedAt);
    }

    @Override
    public String phone() {
        return from;
    }
}
