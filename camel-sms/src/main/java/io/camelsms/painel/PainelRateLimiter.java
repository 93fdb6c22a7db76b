package io.camelsms.painel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelsms.core.EventIds;
import io.camelsms.core.SharedRateGuard;
import io.camelsms.painel.model.PainelApi;

/**
 * The manual's "de 1 em 1 minuto" for getstatus and getbalance, per account and action, shared by every endpoint
 * of the JVM (two routes polling the same account share one allowance), or by every node of a cluster when the
 * tracking store is a {@link SharedRateGuard}. A call takes its slot before it leaves,
 * whatever the answer, because the panel counts the call; when the reply is in, the minute restarts from then,
 * because the panel timed the call somewhere between the two.
 */
final class PainelRateLimiter {

    /** One per JVM: the limit is the account's, not an endpoint's. */
    static final PainelRateLimiter SHARED = new PainelRateLimiter(null);

    /** Where a cluster keeps the slots (a clustered tracking store), so the minute is the cluster's; null: here. */
    private final SharedRateGuard cluster;

    private PainelRateLimiter(SharedRateGuard cluster) {
        this.cluster = cluster;
    }

    /** The JVM's limiter, or, when the tracking store is shared by a cluster's nodes, one keeping slots in it. */
    static PainelRateLimiter of(Object trackingStore) {
        return trackingStore instanceof SharedRateGuard guard ? new PainelRateLimiter(guard) : SHARED;
    }

    /** Key: base URL, login and action (never printed); value: when the last call left. */
    private final Map<String, Instant> lastCalls = new ConcurrentHashMap<>();

    /**
     * Takes the slot for one call, waiting up to {@code maxWait} for it.
     *
     * @throws PainelRateLimitException when the call is not allowed within {@code maxWait}
     */
    void acquire(String account, String action, Clock clock, Duration maxWait) throws InterruptedException {
        String key = account + '\u0000' + action;
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            Instant now = clock.instant();
            Duration wait = tryTake(key, now);
            if (wait.isZero()) {
                return;
            }
            if (now.plus(wait).isAfter(deadline)) {
                throw new PainelRateLimitException(action, wait);
            }
            Thread.sleep(Math.max(1, wait.toMillis()));
        }
    }

    /** Takes the slot if it is free at {@code now}; never waits (the dlr poll: a busy minute is no error). */
    boolean tryAcquire(String account, String action, Instant now) {
        return tryTake(account + '\u0000' + action, now).isZero();
    }

    /**
     * Whether the slot is free at {@code now}, without taking it. What this JVM knows of the last call comes first:
     * while it says busy, the cluster is not asked (a poll every few milliseconds costs no database call).
     */
    boolean isFree(String account, String action, Instant now) {
        String key = account + '\u0000' + action;
        Instant last = lastCalls.get(key);
        boolean freeHere = last == null || !now.isBefore(last.plus(PainelApi.QUERY_INTERVAL));
        return freeHere && (cluster == null || cluster.isFree(clusterKey(key), now, PainelApi.QUERY_INTERVAL));
    }

    /** The call of {@link #acquire} is over (answered or failed) at {@code at}. */
    void finished(String account, String action, Instant at) {
        String key = account + '\u0000' + action;
        lastCalls.merge(key, at, (last, now) -> now.isAfter(last) ? now : last);
        if (cluster != null) {
            cluster.finished(clusterKey(key), at);
        }
    }

    /**
     * Zero when the slot was taken, else the time left until it is free. With a cluster, a slot free here is taken
     * there too; when another node had it, this JVM remembers the cluster's last call, so it asks again only then.
     */
    private Duration tryTake(String key, Instant now) {
        Duration[] wait = {Duration.ZERO};
        lastCalls.compute(key, (k, last) -> {
            if (last == null || !now.isBefore(last.plus(PainelApi.QUERY_INTERVAL))) {
                if (cluster != null) {
                    wait[0] = cluster.tryTake(clusterKey(key), now, PainelApi.QUERY_INTERVAL);
                    return wait[0].isZero() ? now : now.minus(PainelApi.QUERY_INTERVAL).plus(wait[0]);
                }
                return now;
            }
            wait[0] = Duration.between(now, last.plus(PainelApi.QUERY_INTERVAL));
            return last;
        });
        return wait[0];
    }

    /** The key as the cluster stores it: a digest, so no login is written to the database. */
    private static String clusterKey(String key) {
        return "painel:" + EventIds.of(key);
    }

    /** Forgets every account's last call (tests). */
    void clear() {
        lastCalls.clear();
    }
}
