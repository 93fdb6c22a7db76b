package io.camelsms.painel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelsms.painel.model.PainelApi;

/**
 * The manual's "de 1 em 1 minuto" for getstatus and getbalance, per account and action, shared by every endpoint
 * of the JVM (two routes polling the same account share one allowance). A call takes its slot before it leaves,
 * whatever the answer, because the panel counts the call; when the reply is in, the minute restarts from then,
 * because the panel timed the call somewhere between the two.
 */
final class PainelRateLimiter {

    /** One per JVM: the limit is the account's, not an endpoint's. */
    static final PainelRateLimiter SHARED = new PainelRateLimiter();

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

    /** Whether the slot is free at {@code now}, without taking it. */
    boolean isFree(String account, String action, Instant now) {
        Instant last = lastCalls.get(account + '\u0000' + action);
        return last == null || !now.isBefore(last.plus(PainelApi.QUERY_INTERVAL));
    }

    /** The call of {@link #acquire} is over (answered or failed) at {@code at}. */
    void finished(String account, String action, Instant at) {
        lastCalls.merge(account + '\u0000' + action, at, (last, now) -> now.isAfter(last) ? now : last);
    }

    /** Zero when the slot was taken, else the time left until it is free. */
    private Duration tryTake(String key, Instant now) {
        Duration[] wait = {Duration.ZERO};
        lastCalls.compute(key, (k, last) -> {
            if (last == null || !now.isBefore(last.plus(PainelApi.QUERY_INTERVAL))) {
                return now;
            }
            wait[0] = Duration.between(now, last.plus(PainelApi.QUERY_INTERVAL));
            return last;
        });
        return wait[0];
    }

    /** Forgets every account's last call (tests). */
    void clear() {
        lastCalls.clear();
    }
}
