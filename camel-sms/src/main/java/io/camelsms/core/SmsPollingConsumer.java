package io.camelsms.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;

import io.camelsms.observability.AccountHealthEndpoint;
import io.camelsms.observability.AccountObserver;
import io.camelsms.observability.SmsHealthChecks;

/**
 * A consumer that asks the provider on a schedule (Camel's scheduler: {@code delay=60000}, or
 * {@code scheduler=quartz&scheduler.cron=...}) and emits each event once: the {@link EventLedger} records an event
 * only after its exchange completed, so a failing route sees it again on the next poll and a successful one never
 * does (across restarts, with a persistent ledger).
 */
public abstract class SmsPollingConsumer<E> extends ScheduledPollConsumer {

    private final EventLedger<E> ledger;
    private SmsHealthChecks.Registration healthChecks = SmsHealthChecks.Registration.NONE;

    private AccountObserver observer = AccountObserver.NONE;

    /** Remembers emitted events by {@link #eventId} in {@code emitted}. */
    protected SmsPollingConsumer(Endpoint endpoint, Processor processor, IdempotentRepository emitted) {
        super(endpoint, processor);
        this.ledger = new EmittedEventLedger<>(emitted, this::eventId);
    }

    protected SmsPollingConsumer(Endpoint endpoint, Processor processor, EventLedger<E> ledger) {
        super(endpoint, processor);
        this.ledger = ledger;
    }

    /** The provider's current events; may repeat ones already emitted. */
    protected abstract List<E> fetch() throws Exception;

    protected abstract void toExchange(E event, Exchange exchange);

    /** The id an event is remembered by in the emitted repository; by default its {@link SmsEvent#eventId()}. */
    protected String eventId(E event) {
        if (event instanceof SmsEvent smsEvent) {
            return smsEvent.eventId();
        }
        throw new IllegalStateException(getClass().getSimpleName() + " must say how its events are identified");
    }

    /** Entries to emit besides the fetched events (e.g. a last report when tracking runs out); none by default. */
    protected List<EventLedger.Entry<E>> moreNews() {
        return List.of();
    }

    /**
     * Routes each new event as its own exchange, and records the ones whose route completed together: a page's
     * changes in one transaction (the events are looked up together too, where the ledger can).
     */
    @Override
    protected int poll() throws Exception {
        List<E> events = fetch();
        int count = 0;
        int at = 0;
        while (at < events.size()) {
            List<Optional<EventLedger.Entry<E>>> round = ledger.newsOf(events.subList(at, events.size()));
            if (round.isEmpty()) {
                throw new IllegalStateException("the ledger answered no event of " + (events.size() - at));
            }
            count += route(round.stream().flatMap(Optional::stream).toList());
            at += round.size();
        }
        return count + route(moreNews());
    }

    private int route(List<EventLedger.Entry<E>> news) {
        List<EventLedger.Entry<E>> routed = new ArrayList<>(news.size());
        for (EventLedger.Entry<E> entry : news) {
            Exchange exchange = createExchange(false);
            toExchange(entry.event(), exchange);
            exchange.getMessage().getHeaders().putAll(entry.headers());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() == null) {
                routed.add(entry);
            } else {
                entry.release();
                getExceptionHandler().handleException("event not recorded; it is emitted again on the next poll",
                        exchange, exchange.getException());
            }
        }
        ledger.recordAll(routed);
        routed.forEach(entry -> observer.routed(entry.event()));
        return routed.size();
    }

    /**
     * Camel gives every scheduled poll consumer a readiness check of its own (its last polls' errors); this adds the
     * check of the tracking store the endpoint records to.
     */
    @Override
    protected void doStart() throws Exception {
        if (getEndpoint() instanceof SmsEndpoint endpoint) {
            observer = endpoint.observer();
        }
        ServiceHelper.startService(ledger);
        super.doStart();
        if (getEndpoint() instanceof AccountHealthEndpoint account) {
            healthChecks = SmsHealthChecks.registerTrackingStore(getEndpoint().getCamelContext(),
                    account.getConfiguration());
        }
    }

    @Override
    protected void doStop() throws Exception {
        healthChecks.close();
        super.doStop();
        ServiceHelper.stopService(ledger);
    }
}
