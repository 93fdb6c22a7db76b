package io.camelsms.core;

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
