package io.camelsms.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps sends inside a provider's per-window quotas (e.g. 60 a minute, 500 an hour): {@link #acquire} returns at
 * once when every window has room, waits until enough earlier sends have left a full window, or fails with
 * {@link QuotaExceededException} when that wait would be longer than the caller allows. One instance per provider
 * account, shared by every endpoint that sends as that account.
 *
 * <p>Why it cannot overshoot, however the provider counts (sliding or calendar windows) and however long a request
 * takes: a send counts in every window while it is in flight, and once done it is stamped with the time it
 * finished, which is never earlier than the time the provider stamped it. So any window of the provider's holds
 * only sends this throttle counted together, at most the limit.
 *
 * <p>The clock and the sleeping are injected so tests can run hours of quota in no real time.
 */
public final class QuotaThrottle {

    /** The longest window allowed (a day plus any safety margin); older sends are forgotten. */
    public static final Duration LONGEST_WINDOW = Duration.ofDays(2);
    /** Longest real wait for an in-flight send to finish before counting again. */
    private static final long IN_FLIGHT_RECHECK_MILLIS = 1_000;

    /**
     * One quota.
     *
     * @param length the window, e.g. one minute
     * @param limit  sends allowed in any such window; 0 = no limit
     */
    public record Window(Duration length, int limit) {

        public Window {
            if (length.isNegative() || length.isZero() || length.compareTo(LONGEST_WINDOW) > 0) {
                throw new IllegalArgumentException("quota window must be positive and at most two days: " + length);
            }
            if (limit < 0) {
                throw new IllegalArgumentException("quota limit must be 0 (no limit) or more, was " + limit);
            }
        }
    }

    /** How the throttle waits for time to pass; the real one sleeps, a test's may advance a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(Math.max(1, duration.toMillis()));

        void sleep(Duration duration) throws InterruptedException;
    }

    /** One granted send; {@link #done()} once its request is answered (or failed), so its time is final. */
    public final class Permit {
        private final Clock clock;
        private final Instant grantedAt;
        /** The cluster's id of this permit; null for a permit counted in this JVM. */
        private final Long sharedId;
        private Instant doneAt;

        private Permit(Clock clock, Instant grantedAt, Long sharedId) {
            this.clock = clock;
            this.grantedAt = grantedAt;
            this.sharedId = sharedId;
        }

        public Instant grantedAt() {
            return grantedAt;
        }

        public void done() {
            if (sharedId != null) {
                Instant now = clock.instant();
                shared.done(sharedId, now.isBefore(grantedAt) ? grantedAt : now);
                return;
            }
            synchronized (QuotaThrottle.this) {
                if (doneAt == null) {
                    Instant now = clock.instant();
                    doneAt = now.isBefore(grantedAt) ? grantedAt : now;
                    QuotaThrottle.this.notifyAll();
                }
            }
        }
    }

    /** Every permit not yet forgotten, in the order granted. */
    private final Deque<Permit> permits = new ArrayDeque<>();
    /** Where a cluster counts the account's sends; null: counted in this JVM. */
    private final SharedQuota shared;
    private final String sharedKey;

    /** Counts the account's sends in this JVM. */
    public QuotaThrottle() {
        this(null, null);
    }

    /** Counts the account's sends in the cluster's {@code shared} quota, under {@code key} (a digest). */
    public QuotaThrottle(SharedQuota shared, String key) {
        this.shared = shared;
        this.sharedKey = key;
    }

    /**
     * Takes one permit, waiting as long as needed within {@code maxWait}; call {@link Permit#done()} after the
     * request.
     *
     * @param provider for the error message
     * @param windows  the quotas to respect (the caller's; endpoints of one account may pass different ones)
     * @throws QuotaExceededException when a permit would take longer than {@code maxWait}
     */
    public Permit acquire(String provider, List<Window> windows, Clock clock, Sleeper sleeper, Duration maxWait)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            Duration wait;
            Instant now;
            if (shared != null) {
                now = clock.instant();
                SharedQuota.Grant grant = shared.tryAcquire(sharedKey, windows, now);
                if (grant.permit() != null) {
                    return new Permit(clock, now, grant.permit());
                }
                // only sends in flight on some node block: they finish in real time
                wait = grant.waitFor() != null ? grant.waitFor() : Duration.ofMillis(IN_FLIGHT_RECHECK_MILLIS);
                if (now.plus(wait).isAfter(deadline)) {
                    throw new QuotaExceededException(provider, describe(windows), wait, maxWait);
                }
                sleeper.sleep(wait);
                continue;
            }
            synchronized (this) {
                now = clock.instant();
                wait = waitNeeded(windows, now);
                if (wait == null) {
                    // only in-flight sends block: they finish in real time, whatever the clock says
                    wait(IN_FLIGHT_RECHECK_MILLIS);
                    continue;
                }
                if (wait.isZero()) {
                    Permit permit = new Permit(clock, now, null);
                    permits.addLast(permit);
                    return permit;
                }
            }
            if (now.plus(wait).isAfter(deadline)) {
                throw new QuotaExceededException(provider, describe(windows), wait, maxWait);
            }
            sleeper.sleep(wait);
        }
    }

    /** Zero when every window has room, the time until one has, or null when only an in-flight send can free one. */
    private Duration waitNeeded(List<Window> windows, Instant now) {
        while (!permits.isEmpty() && permits.peekFirst().doneAt != null
               && !permits.peekFirst().doneAt.isAfter(now.minus(LONGEST_WINDOW))) {
            permits.removeFirst();
        }
        int inFlight = 0;
        List<Instant> finished = new ArrayList<>();
        for (Permit p : permits) {
            if (p.doneAt == null) {
                inFlight++;
            } else {
                finished.add(p.doneAt);
            }
        }
        return waitNeeded(windows, finished, inFlight, now);
    }

    /**
     * The rule, wherever the sends are counted: zero when every window has room for one more send, the time until
     * one has, or null when only in-flight sends can free one.
     *
     * @param finished when each finished send finished (older ones than the longest window may be left out)
     * @param inFlight sends granted and not finished
     */
    public static Duration waitNeeded(List<Window> windows, List<Instant> finished, int inFlight, Instant now) {
        Duration longest = Duration.ZERO;
        for (Window window : windows) {
            if (window.limit() == 0) {
                continue;
            }
            List<Instant> done = new ArrayList<>();
            for (Instant at : finished) {
                if (inWindow(at, window.length(), now)) {
                    done.add(at);
                }
            }
            int count = inFlight + done.size();
            if (count < window.limit()) {
                continue;
            }
            int mustLeave = count - window.limit() + 1;
            if (done.size() < mustLeave) {
                return null;
            }
            done.sort(null);
            Duration wait = Duration.between(now, done.get(mustLeave - 1).plus(window.length()));
            if (wait.isZero() || wait.isNegative()) {
                wait = Duration.ofMillis(1);
            }
            if (wait.compareTo(longest) > 0) {
                longest = wait;
            }
        }
        return longest;
    }

    /** In (now - length, now]: a send stamped later than now (a clock set back) does not count. */
    private static boolean inWindow(Instant at, Duration length, Instant now) {
        return at.isAfter(now.minus(length)) && !at.isAfter(now);
    }

    private static String describe(List<Window> windows) {
        StringBuilder sb = new StringBuilder();
        for (Window w : windows) {
            if (w.limit() > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(w.limit()).append(" per ").append(w.length());
            }
        }
        return sb.toString();
    }
}
