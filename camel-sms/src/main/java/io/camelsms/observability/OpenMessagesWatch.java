package io.camelsms.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.tracking.TrackingStore;
import io.camelsms.tracking.TrackingStore.OpenMessages;

/**
 * An account's open (non-final) messages as its tracking store counts them, asked at most once per
 * {@link #MAX_AGE}: a Prometheus scrape or a console refresh every second costs the database one query every few
 * seconds. A store that cannot answer leaves the last known figures (logged once per failure, at WARN).
 */
public final class OpenMessagesWatch {

    /** How long a count is reused before the store is asked again. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(OpenMessagesWatch.class);

    private final String provider;
    private final String account;
    private final TrackingStore store;
    private final Clock clock;
    private OpenMessages last = new OpenMessages(0, null);
    private Instant askedAt;

    public OpenMessagesWatch(String provider, String account, TrackingStore store, Clock clock) {
        this.provider = provider;
        this.account = account;
        this.store = store;
        this.clock = clock;
    }

    /** The open messages, from a count at most {@link #MAX_AGE} old. */
    public synchronized OpenMessages current() {
        Instant now = clock.instant();
        if (askedAt == null || !now.isBefore(askedAt.plus(MAX_AGE))) {
            askedAt = now;
            try {
                last = store.openMessageCount(provider, account);
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot count the open messages of account {}: {}", provider, account, e.getMessage());
                LOG.debug("{}: open message count failure", provider, e);
            }
        }
        return last;
    }

    public double count() {
        return current().count();
    }

    /** Seconds since the oldest open message was accepted; 0 when none is open. */
    public double oldestAgeSeconds() {
        Instant oldest = current().oldestAccepted();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
