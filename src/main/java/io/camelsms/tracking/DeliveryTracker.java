package io.camelsms.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.EventLedger;

/**
 * Decides which reports are news and records them, the same way for polled and pushed reports, so a change
 * delivered by a push is never emitted again by a poll and the other way round:
 * {@link #changeOf} finds the tracked message and answers the report to emit (enriched with the caller's
 * external id and the campaign) only when its raw status differs from the stored one; {@link #record} stores it,
 * and is called only after the report's exchange completed.
 */
public final class DeliveryTracker implements EventLedger<DeliveryReport> {

    /** Raw status of the last report of a message whose tracking ran out. */
    public static final String TRACKING_EXPIRED = "camel-sms: tracking expired";

    private final String provider;
    private final TrackingStore store;
    private final Clock clock;

    public DeliveryTracker(String provider, TrackingStore store, Clock clock) {
        this.provider = provider;
        this.store = store;
        this.clock = clock;
    }

    /**
     * A change of a tracked message, ready to emit; empty when the message is unknown, the status unchanged, or the
     * report would take a final message back to a non-final status (a provider repeating an old status after the
     * message was delivered, or after its tracking expired). Final to final (delivered, then read) is a change.
     */
    @Override
    public Optional<Entry<DeliveryReport>> news(DeliveryReport report) {
        return changeOf(report).map(change -> change);
    }

    public Optional<Change> changeOf(DeliveryReport report) {
        Optional<TrackedMessage> tracked = find(report).filter(m -> isChange(m, report));
        if (tracked.isEmpty() || !store.claim(claimKey(tracked.get().id()))) {
            return Optional.empty();
        }
        // claimed: look again, a push or poll may have recorded this very change just before
        Optional<TrackedMessage> fresh = find(report).filter(m -> isChange(m, report));
        if (fresh.isEmpty()) {
            store.release(claimKey(tracked.get().id()));
            return Optional.empty();
        }
        TrackedMessage m = fresh.get();
        return Optional.of(new Change(this, m, new DeliveryReport(provider,
                report.providerMessageId() != null ? report.providerMessageId() : m.providerMessageId(),
                report.campaignId() != null ? report.campaignId() : m.campaignId(),
                report.recipient() != null ? report.recipient() : m.recipient(),
                m.externalId(), report.status(), report.rawStatus(), report.statusAt(), report.detail())));
    }

    private Optional<TrackedMessage> find(DeliveryReport report) {
        Optional<TrackedMessage> tracked = report.providerMessageId() != null
                ? store.findByProviderMessageId(provider, report.providerMessageId())
                : Optional.empty();
        if (tracked.isEmpty() && report.campaignId() != null && report.recipient() != null) {
            tracked = store.findByCampaignAndRecipient(provider, report.campaignId(), report.recipient());
        }
        return tracked;
    }

    private static boolean isChange(TrackedMessage message, DeliveryReport report) {
        return !report.rawStatus().equals(message.rawStatus()) && (!message.isFinal() || report.status().isFinal());
    }

    private static String claimKey(long messageId) {
        return "message:" + messageId;
    }

    private void record(TrackedMessage message, DeliveryReport report) {
        try {
            store.updateStatus(message.id(), report.status(), report.rawStatus(),
                    report.statusAt() != null ? report.statusAt() : clock.instant());
        } finally {
            store.release(claimKey(message.id()));
        }
    }

    /** The last report of each open message older than {@code maxAge}: after it the message is no longer polled. */
    public List<Change> expired(Duration maxAge, int limit) {
        Instant now = clock.instant();
        return store.openOlderThan(provider, now.minus(maxAge), limit).stream()
                .filter(m -> store.claim(claimKey(m.id())))
                .map(m -> new Change(this, m, new DeliveryReport(provider, m.providerMessageId(), m.campaignId(),
                        m.recipient(), m.externalId(), DeliveryStatus.EXPIRED, TRACKING_EXPIRED, now,
                        "no final status within " + maxAge + "; last known: " + m.status())))
                .toList();
    }

    /** A report to emit and the tracked message it changes; {@link #record()} stores it once its exchange completed. */
    public record Change(DeliveryTracker tracker, TrackedMessage message, DeliveryReport report)
            implements Entry<DeliveryReport> {

        @Override
        public DeliveryReport event() {
            return report;
        }

        @Override
        public void record() {
            tracker.record(message, report);
        }

        @Override
        public void release() {
            tracker.store.release(claimKey(message.id()));
        }
    }
}
