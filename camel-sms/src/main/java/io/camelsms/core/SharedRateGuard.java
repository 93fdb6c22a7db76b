package io.camelsms.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A "one call per interval" slot shared by every process of a cluster (a clustered tracking store is one), for a
 * provider's rate limit that is the account's, not a process's. Keys are digests, never credentials.
 */
public interface SharedRateGuard {

    /** Takes the slot of {@code key} when its last call was {@code interval} or more before {@code now}: zero when
     * taken, else how long until it is free. */
    Duration tryTake(String key, Instant now, Duration interval);

    /** Whether the slot is free at {@code now}, without taking it. */
    boolean isFree(String key, Instant now, Duration interval);

    /** The call that took the slot is over at {@code at}: the interval restarts from then (never goes back). */
    void finished(String key, Instant at);
}
