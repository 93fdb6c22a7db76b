package io.camelsms.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.EventLedger;
import io.camelsms.core.SmsEvents;
import io.camelsms.core.SmsPollingConsumer;

/**
 * {@code <scheme>:dlr} for providers with a status query: on Camel's schedule ({@code delay}, or
 * {@code scheduler=quartz&scheduler.cron=...}) it asks the provider about open messages only, and emits one
 * {@link DeliveryReport} exchange per status change. A change is recorded only after its exchange completed: a
 * failing route sees it again on the next poll, a successful one never again, also after a restart. Messages
 * without a final status after {@code maxAge} get one last EXPIRED report and leave the poll set.
 */
public class DeliveryReportConsumer extends SmsPollingConsumer<DeliveryReport> {

    /** Expired messages handled per poll, so one poll stays short after a long outage. */
    static final int EXPIRY_BATCH = 1_000;

    private final DeliveryStatusSource source;
    private final TrackingStore store;
    private final String account;
    private final DeliveryTracker tracker;
    private final Duration maxAge;

    public DeliveryReportConsumer(Endpoint endpoint, Processor processor, DeliveryTracker tracker, TrackingStore store,
                                  String account, Duration maxAge, DeliveryStatusSource source) {
        super(endpoint, processor, tracker);
        this.source = source;
        this.store = store;
        this.account = account;
        this.maxAge = maxAge;
        this.tracker = tracker;
    }

    @Override
    protected List<DeliveryReport> fetch() throws Exception {
        return source.fetch(store, account);
    }

    @Override
    protected List<EventLedger.Entry<DeliveryReport>> moreNews() {
        return List.copyOf(tracker.expired(maxAge, EXPIRY_BATCH));
    }

    @Override
    protected void toExchange(DeliveryReport report, Exchange exchange) {
        SmsEvents.put(exchange, report);
    }
}
