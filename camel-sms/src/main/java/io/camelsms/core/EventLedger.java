package io.camelsms.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which events are news and remembers the ones emitted, for polled and pushed events alike: a consumer
 * asks {@link #news} for each event, routes the entry's event, and calls {@link Entry#record()} only after the
 * exchange completed, so a failed route sees the event again and a successful one never does.
 */
public interface EventLedger<E> {

    /** The entry to emit (its event possibly enriched, e.g. with the caller's external id), or empty. */
    Optional<Entry<E>> news(E event);

    /**
     * {@link #news} for events that came together (a batched push, a poll's page), answered for a prefix of them, in
     * order, at least the first: a ledger that looks events up together answers as many as it can up to an event that
     * depends on an earlier one being recorded first (two reports of one message). The caller routes the answered
     * ones, records them with {@link #recordAll}, and asks again about the rest. By default: the first event alone.
     */
    default List<Optional<Entry<E>>> newsOf(List<E> events) {
        return events.isEmpty() ? List.of() : List.of(news(events.get(0)));
    }

    /**
     * Records entries whose exchanges completed, in one transaction where the ledger can; by default one by one.
     * Every entry is given back (recorded or released) also when recording fails.
     */
    default void recordAll(List<Entry<E>> entries) {
        RuntimeException failure = null;
        for (Entry<E> entry : entries) {
            if (failure != null) {
                entry.release();
                continue;
            }
            try {
                entry.record();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * An event to emit and how to remember it once emitted. While an entry is out, the same event is not news to
     * anyone else; the consumer calls {@link #record()} after the route succeeded, or {@link #release()} after it
     * failed, so the event comes again.
     */
    interface Entry<E> {
        E event();

        void record();

        void release();

        /** Headers the consumer adds to the event's exchange, e.g. {@link SmsHeaders#UNSOLICITED}. */
        default Map<String, Object> headers() {
            return Map.of();
        }
    }

    /** A ledger that finds everything new and remembers nothing (keyword requests, which must always be answered). */
    static <E> EventLedger<E> everything() {
        return event -> Optional.of(new Entry<>() {
            @Override
            public E event() {
                return event;
            }

            @Override
            public void record() {
                // nothing to remember
            }

            @Override
            public void release() {
                // nothing held
            }
        });
    }
}
