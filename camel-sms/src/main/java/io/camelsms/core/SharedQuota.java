package io.camelsms.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Per-window quotas counted for every process of a cluster (a clustered tracking store is one), for a provider that
 * counts the account's messages, whichever node sent them. Same rule as {@link QuotaThrottle}: a send counts in every
 * window while in flight, and once done at the time it finished. Keys are digests, never credentials.
 */
public interface SharedQuota {

    /**
     * Takes one permit of {@code key} when every window has room at {@code now}.
     *
     * @return the permit's id, or how long until a window has room (null: only sends in flight can free one)
     */
    Grant tryAcquire(String key, List<QuotaThrottle.Window> windows, Instant now);

    /** The permit's send is over (answered or failed) at {@code at}. */
    void done(long permit, Instant at);

    /** A permit ({@code permit} set), or none and how long to wait. */
    record Grant(Long permit, Duration waitFor) {
    }
}
