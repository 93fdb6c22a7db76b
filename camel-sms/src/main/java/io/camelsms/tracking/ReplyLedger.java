package io.camelsms.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.camelsms.core.EventLedger;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.core.SmsHeaders;

/**
 * Emits each reply once (its event id kept in the tracking store) and ties it to the message it answers, so a
 * route knows which customer answered which campaign: the tracked message is found by the provider's message id,
 * or else by campaign and phone, and the reply carries its external id and campaign. A reply that answers no
 * message, or comes later than the reply window after it, is unsolicited: still emitted (never silently dropped),
 * with header {@link SmsHeaders#UNSOLICITED}, so a route can keep it apart from customers' answers.
 */
public final class ReplyLedger implements EventLedger<InboundMessage> {

    private final String provider;
    private final String account;
    private final TrackingStore store;
    private final Duration window;
    private final Clock clock;

    /** With the default reply window ({@link SmsConsumerConfiguration#DEFAULT_REPLY_WINDOW}). */
    public ReplyLedger(String provider, String account, TrackingStore store) {
        this(provider, account, store, Duration.ofMillis(SmsConsumerConfiguration.DEFAULT_REPLY_WINDOW),
                Clock.systemUTC());
    }

    /**
     * Replies to {@code account}'s messages are correlated with them; another account's never are.
     *
     * @param window how long after a message was sent a reply from its number is taken as its answer; zero: no limit
     * @param clock  "now", for replies that carry no reception time
     */
    public ReplyLedger(String provider, String account, TrackingStore store, Duration window, Clock clock) {
        this.provider = provider;
        this.account = account;
        this.store = store;
        this.window = window;
        this.clock = clock;
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
        Optional<TrackedMessage> original = original(reply);
        boolean unsolicited = original.isEmpty() || !withinWindow(original.get(), reply);
        InboundMessage correlated = original
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

            @Override
            public Map<String, Object> headers() {
                return unsolicited ? Map.of(SmsHeaders.UNSOLICITED, Boolean.TRUE) : Map.of();
            }
        });
    }

    /** Whether the reply came within the window after its original message was sent. */
    private boolean withinWindow(TrackedMessage original, InboundMessage reply) {
        if (window.isZero() || original.createdAt() == null) {
            return true;
        }
        Instant received = reply.receivedAt() != null ? reply.receivedAt() : clock.instant();
        return !received.isAfter(original.createdAt().plus(window));
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
