package io.camelsms.core;

import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The default ledger: an event is news until its id is in the {@link IdempotentRepository} (in memory, a file, or
 * the tracking store), where it is added once its exchange completed.
 */
public final class EmittedEventLedger<E> extends ServiceSupport implements EventLedger<E> {

    private final IdempotentRepository emitted;
    private final Function<E, String> idOf;

    public EmittedEventLedger(IdempotentRepository emitted, Function<E, String> idOf) {
        this.emitted = emitted;
        this.idOf = idOf;
    }

    @Override
    public Optional<Entry<E>> news(E event) {
        String id = idOf.apply(event);
        if (emitted.contains(id)) {
            return Optional.empty();
        }
        return Optional.of(new Entry<>() {
            @Override
            public E event() {
                return event;
            }

            @Override
            public void record() {
                emitted.add(id);
            }

            @Override
            public void release() {
                // nothing held: the id is only added once the route succeeded
            }
        });
    }

    @Override
    protected void doStart() {
        ServiceHelper.startService(emitted);
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(emitted);
    }
}
