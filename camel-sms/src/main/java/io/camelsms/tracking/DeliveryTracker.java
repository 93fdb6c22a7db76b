package io.camelsms.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.EventLedger;
import io.camelsms.observability.AccountObserver;

/**
 * Decides which reports are news and records them, the same way for polled and pushed reports, so a change
 * delivered by a push is never emitted again by a poll and the other way round:
 * {@link #changeOf} finds the tracked message and answers the report to emit (enriched with the caller's
 * external id and the campaign) only when it moves the stored status forward ({@link StatusOrder}); {@link #record}
 * stores it, and is called only after the report's exchange completed. A report that would take a final status
 * elsewhere (a late or forged FAILED after DELIVERED) is ignored: counted ({@link #ignoredReports()}) and logged at
 * DEBUG with the message's id, never emitted. Only the consumer's own account's messages are looked at.
 */
public final class DeliveryTracker implements EventLedger<DeliveryReport> {

    /** Raw status of the last report of a message whose tracking ran out. */
    public static final String TRACKING_EXPIRED = "camel-sms: tracking expired";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryTracker.class);

    private final String provider;
    private final String account;
    private final TrackingStore store;
    private final Clock clock;
    private final AtomicLong ignored = new AtomicLong();
    private final AccountObserver observer;

    public DeliveryTracker(String provider, String account, TrackingStore store, Clock clock) {
        this(provider, account, store, clock, AccountObserver.NONE);
    }

    /** {@code observer} is told when a message reaches its first final status, and how long after acceptance. */
    public DeliveryTracker(String provider, String account, TrackingStore store, Clock clock,
                           AccountObserver observer) {
        this.observer = observer;
        this.provider = provider;
        this.account = account;
        this.store = store;
        this.clock = clock;
    }

    /** Reports ignored since this tracker was made because they would have taken a status back. */
    public long ignoredReports() {
        return ignored.get();
    }

    /**
     * A change of a tracked message, ready to emit; empty when the message is unknown (or another account's), the
     * status unchanged, or the report would take the status back (a provider repeating an old status after the
     * message was delivered, a late or forged one after its tracking expired). Delivered, then read, is a change.
     */
    @Override
    public Optional<Entry<DeliveryReport>> news(DeliveryReport report) {
        return changeOf(report).map(change -> change);
    }

    public Optional<Change> changeOf(DeliveryReport report) {
        return changesOf(List.of(report)).get(0);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Optional<Entry<DeliveryReport>>> newsOf(List<DeliveryReport> reports) {
        return (List) changesOf(reports);
    }

    /**
     * {@link #changeOf} for reports that came together, with one look-up of the messages by provider id: answers a
     * prefix of the reports, up to a second report of a message that has a change among them (it is news only once
     * the first is recorded: ask again about the rest after {@link #recordAll}).
     */
    public List<Optional<Change>> changesOf(List<DeliveryReport> reports) {
        // taken before the look-up: a status recorded after it makes a claimed message worth reading again
        long mark = store.statusMark();
        List<String> providerIds = reports.stream().map(DeliveryReport::providerMessageId).filter(Objects::nonNull)
                .toList();
        Map<String, TrackedMessage> byProviderId = providerIds.isEmpty() ? Map.of()
                : store.findByProviderMessageIds(provider, account, providerIds);
        Set<Long> changing = new HashSet<>();
        List<Optional<Change>> answers = new ArrayList<>(reports.size());
        for (DeliveryReport report : reports) {
            List<TrackedMessage> candidates = candidates(report, byProviderId);
            if (candidates.stream().anyMatch(m -> changing.contains(m.id()))) {
                break;
            }
            Optional<Change> change = changeOf(report, candidates, mark);
            change.ifPresent(c -> changing.add(c.message().id()));
            answers.add(change);
        }
        return answers;
    }

    private Optional<Change> changeOf(DeliveryReport report, List<TrackedMessage> candidates, long mark) {
        for (TrackedMessage candidate : candidates) {
            if (!isChange(candidate, report) || !store.claim(claimKey(candidate.id()))) {
                continue;
            }
            TrackedMessage m = candidate;
            if (store.changedSince(candidate.id(), mark)) {
                // a push or poll may have recorded this very change since the look-up: look again
                Optional<TrackedMessage> fresh = candidates(report, null).stream()
                        .filter(f -> f.id() == candidate.id()).filter(f -> isChange(f, report)).findFirst();
                if (fresh.isEmpty()) {
                    store.release(claimKey(candidate.id()));
                    continue;
                }
                m = fresh.get();
            }
            return Optional.of(new Change(this, m, new DeliveryReport(provider,
                    report.providerMessageId() != null ? report.providerMessageId() : m.providerMessageId(),
                    report.campaignId() != null ? report.campaignId() : m.campaignId(),
                    report.recipient() != null ? report.recipient() : m.recipient(),
                    m.externalId(), report.status(), report.rawStatus(), report.statusAt(), report.detail())));
        }
        candidates.stream()
                .filter(m -> StatusOrder.contradicts(m.status(), m.rawStatus(), report.status(), report.rawStatus()))
                .findFirst().ifPresent(m -> ignore(m, report));
        return Optional.empty();
    }

    private void ignore(TrackedMessage message, DeliveryReport report) {
        ignored.incrementAndGet();
        LOG.debug("{}: report {} ({}) for message {} (external id {}) ignored: it is already {} ({}), and statuses"
                  + " only move forward", provider, report.status(), report.rawStatus(), message.id(),
                message.externalId(), message.status(), message.rawStatus());
    }

    /**
     * The account's message the report is about: by the provider's message id, else by campaign and number, where
     * several copies of one number (painel's allowDuplicateRecipients) each take the first status that is news to
     * them, oldest open copy first. {@code byProviderId}: the messages already looked up by provider id, or null to
     * look this one up.
     */
    private List<TrackedMessage> candidates(DeliveryReport report, Map<String, TrackedMessage> byProviderId) {
        if (report.providerMessageId() != null) {
            Optional<TrackedMessage> byId = byProviderId != null
                    ? Optional.ofNullable(byProviderId.get(report.providerMessageId()))
                    : store.findByProviderMessageId(provider, account, report.providerMessageId());
            if (byId.isPresent()) {
                return List.of(byId.get());
            }
        }
        if (report.campaignId() != null && report.recipient() != null) {
            return store.findByCampaignAndRecipient(provider, account, report.campaignId(), report.recipient());
        }
        return List.of();
    }

    private static boolean isChange(TrackedMessage message, DeliveryReport report) {
        return StatusOrder.isNews(message.status(), message.rawStatus(), report.status(), report.rawStatus());
    }

    private static String claimKey(long messageId) {
        return "message:" + messageId;
    }

    /**
     * Records the changes of entries whose exchanges completed in one transaction (shared with concurrent callers'
     * through the store's group commit), and gives their claims back.
     */
    @Override
    public void recordAll(List<Entry<DeliveryReport>> entries) {
        if (!entries.stream().allMatch(Change.class::isInstance)) {
            EventLedger.super.recordAll(entries);
            return;
        }
        record(entries.stream().map(Change.class::cast).toList());
    }

    /** The changes' statuses in one transaction (a report's alone is a group of one), then their claims back. */
    private void record(List<Change> changes) {
        try {
            Instant now = clock.instant();
            boolean[] recorded = store.updateStatuses(changes.stream().map(c -> new TrackingStore.StatusChange(
                    c.message().id(), c.report().status(), c.report().rawStatus(), statusAt(c.report(), now)))
                    .toList());
            for (int i = 0; i < changes.size(); i++) {
                if (recorded[i]) {
                    becameFinal(changes.get(i).message(), changes.get(i).report(), now);
                }
            }
        } finally {
            changes.forEach(Change::release);
        }
    }

    private static Instant statusAt(DeliveryReport report, Instant now) {
        return report.statusAt() != null ? report.statusAt() : now;
    }

    private void becameFinal(TrackedMessage message, DeliveryReport report, Instant now) {
        if (report.status().isFinal() && !message.status().isFinal()) {
            observer.becameFinal(report.status(), Duration.between(message.createdAt(), statusAt(report, now)));
        }
    }

    /** The last report of each open message older than {@code maxAge}: after it the message is no longer polled. */
    public List<Change> expired(Duration maxAge, int limit) {
        Instant now = clock.instant();
        return store.openOlderThan(provider, account, now.minus(maxAge), limit).stream()
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
            tracker.record(List.of(this));
        }

        @Override
        public void release() {
            tracker.store.release(claimKey(message.id()));
        }
    }
}
