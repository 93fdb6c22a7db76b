package io.camelsms.tracking;

import java.util.Optional;

import io.camelsms.core.EventLedger;
import io.camelsms.core.InboundMessage;

/**
 * Emits each reply once (its event id kept in the tracking store) and ties it to the message it answers, so a
 * route knows which customer answered which campaign: the tracked message is found by the provider's message id,
 * or else by campaign and phone, and the reply carries its external id and campaign.
 */
public final class ReplyLedger implements EventLedger<InboundMessage> {

    private final String provider;
    private final String account;
    private final TrackingStore store;

    /** Replies to {@code account}'s messages are correlated with them; another account's never are. */
    public ReplyLedger(String provider, String account, TrackingStore store) {
        this.provider = provider;
        this.account = account;
        this.store = store;
    }

    @Override
    public Optional<Entry<InboundMessage>> news(InboundMessage reply) {
        String eventId = reply.eventId();
        String claim = "event:" + eventId;
        if (store.contains(eventId) || !store.claim(claim)) {
            return Optional.empty();
        }
        if (store.contains(eventId)) { // recorded by a push or poll just before the claim
            store.release(claim);
            return Optional.empty();
        }
        InboundMessage correlated = original(reply)
                .map(m -> new InboundMessage(reply.provider(), reply.providerMessageId(),
                        reply.campaignId() != null ? reply.campaignId() : m.campaignId(), reply.from(), reply.text(),
                        reply.keyword(), reply.receivedAt(), m.externalId()))
                .orElse(reply);
        return Optional.of(new Entry<>() {
            @Override
            public InboundMessage event() {
                return correlated;
            }

            @Override
            public void record() {
                try {
                    store.add(eventId);
                } finally {
                    store.release(claim);
                }
            }

            @Override
            public void release() {
                store.release(claim);
            }
        });
    }

    private Optional<TrackedMessage> original(InboundMessage reply) {
        Optional<TrackedMessage> byId = reply.providerMessageId() != null
                ? store.findByProviderMessageId(provider, account, reply.providerMessageId())
                : Optional.empty();
        if (byId.isPresent() || reply.campaignId() == null || reply.from() == null) {
            return byId;
        }
        return store.findByCampaignAndRecipient(provider, account, reply.campaignId(), reply.from()).stream()
                .findFirst();
    }
}
