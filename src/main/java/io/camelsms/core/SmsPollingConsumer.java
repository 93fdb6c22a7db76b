package io.camelsms.core;

import java.util.List;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A consumer that asks the provider on a schedule (Camel's scheduler: {@code delay=60000}, or
 * {@code scheduler=quartz&scheduler.cron=...}) and emits each event once: an event's id is recorded in the
 * {@link IdempotentRepository} only after its exchange completed, so a failing route sees it again on the next
 * poll and a successful one never does (across restarts, with a persistent repository).
 */
public abstract class SmsPollingConsumer<E> extends ScheduledPollConsumer {

    private final IdempotentRepository emitted;

    protected SmsPollingConsumer(Endpoint endpoint, Processor processor, IdempotentRepository emitted) {
        super(endpoint, processor);
        this.emitted = emitted;
    }

    /** The provider's current events; may repeat ones already emitted. */
    protected abstract List<E> fetch() throws Exception;

    protected abstract String eventId(E event);

    protected abstract void toExchange(E event, Exchange exchange);

    @Override
    protected int poll() throws Exception {
        int count = 0;
        for (E event : fetch()) {
            String id = eventId(event);
            if (emitted.contains(id)) {
                continue;
            }
            Exchange exchange = createExchange(false);
            toExchange(event, exchange);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() == null) {
                emitted.add(id);
                count++;
            } else {
                getExceptionHandler().handleException("event " + id + " not recorded; it is emitted again on the"
                                                      + " next poll", exchange, exchange.getException());
            }
        }
        return count;
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(emitted);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        ServiceHelper.stopService(emitted);
    }
}
