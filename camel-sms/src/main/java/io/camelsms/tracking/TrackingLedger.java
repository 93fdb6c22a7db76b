package io.camelsms.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.EventLedger;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.core.SmsEvent;
import io.camelsms.observability.AccountObserver;

/**
 * The ledger for consumers that receive both kinds of event (a provider callback carrying status updates and
 * replies): reports go through the {@link DeliveryTracker}, replies through the {@link ReplyLedger}, both on the
 * same tracking store, so a push and a poll never emit the same change twice.
 */
public final class TrackingLedger implements EventLedger<SmsEvent> {

    private final DeliveryTracker reports;
    private final ReplyLedger replies;

    /** With the default reply window. */
    public TrackingLedger(String provider, String account, TrackingStore store, Clock clock) {
        this(provider, account, store, clock, Duration.ofMillis(SmsConsumerConfiguration.DEFAULT_REPLY_WINDOW),
                AccountObserver.NONE);
    }

    public TrackingLedger(String provider, String account, TrackingStore store, Clock clock, Duration replyWindow,
                          AccountObserver observer) {
        this.reports = new DeliveryTracker(provider, account, store, clock, observer);
        this.replies = new ReplyLedger(provider, account, store, replyWindow, clock);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Optional<Entry<SmsEvent>> news(SmsEvent event) {
        if (event instanceof DeliveryReport report) {
            return (Optional) reports.news(report);
        }
        if (event instanceof InboundMessage reply) {
            return (Optional) replies.news(reply);
        }
        throw new IllegalArgumentException("not a delivery report or a reply: " + event);
    }

    /** Reports that came together are looked up together; a reply among them is taken alone. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<Optional<Entry<SmsEvent>>> newsOf(List<SmsEvent> events) {
        if (events.stream().allMatch(DeliveryReport.class::isInstance)) {
            return (List) reports.newsOf((List) events);
        }
        return EventLedger.super.newsOf(events);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void recordAll(List<Entry<SmsEvent>> entries) {
        if (entries.stream().allMatch(DeliveryTracker.Change.class::isInstance)) {
            reports.recordAll((List) entries);
        } else {
            EventLedger.super.recordAll(entries);
        }
    }
}
