package io.camelsms.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.SmsEvents;

/**
 * {@code <scheme>:dlr} for providers with a status query: on Camel's schedule ({@code delay}, or
 * {@code scheduler=quartz&scheduler.cron=...}) it asks the provider about open messages only, and emits one
 * {@link DeliveryReport} exchange per status change. A change is recorded only after its exchange completed: a
 * failing route sees it again on the next poll, a successful one never again, also after a restart. Messages
 * without a final status after {@code maxAge} get one last EXPIRED report and leave the poll set.
 */
public class DeliveryReportConsumer extends ScheduledPollConsumer {

    /** Expired messages handled per poll, so one poll stays short after a long outage. */
    static final int EXPIRY_BATCH = 1_000;

    private final DeliveryStatusSource source;
    private final TrackingStore store;
    private final String account;
    private final DeliveryTracker tracker;
    private final Duration maxAge;

    public DeliveryReportConsumer(Endpoint endpoint, Processor processor, String provider, TrackingStore store,
                                  String account, Duration maxAge, DeliveryStatusSource source, Clock clock) {
        super(endpoint, processor);
        this.source = source;
        this.store = store;
        this.account = account;
        this.maxAge = maxAge;
        this.tracker = new DeliveryTracker(provider, store, clock);
    }

    @Override
    protected int poll() throws Exception {
        List<DeliveryTracker.Change> changes = new ArrayList<>();
        for (DeliveryReport report : source.fetch(store, account)) {
            tracker.changeOf(report).ifPresent(changes::add);
        }
        changes.addAll(tracker.expired(maxAge, EXPIRY_BATCH));
        int emitted = 0;
        for (DeliveryTracker.Change change : changes) {
            Exchange exchange = createExchange(false);
            SmsEvents.put(exchange, change.report());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() == null) {
                tracker.record(change);
                emitted++;
            } else {
                getExceptionHandler().handleException("delivery report " + change.report().eventId()
                        + " not recorded; it is emitted again on the next poll", exchange, exchange.getException());
            }
        }
        return emitted;
    }
}
