package io.camelsms.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The sandbox's notion of now. Runs with the wall clock until a test moves it: {@link #advance(Duration)} jumps
 * ahead (status progressions, once-a-minute limits and schedules follow at once), {@link #freeze()} stops it.
 */
public final class SandboxClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;

    @Override
    public Instant instant() {
        Instant base = frozenAt != null ? frozenAt : Instant.now();
        return base.plus(offset);
    }

    public synchronized void advance(Duration by) {
        offset = offset.plus(by);
    }

    public synchronized void freeze() {
        frozenAt = Instant.now();
    }

    public synchronized void reset() {
        offset = Duration.ZERO;
        frozenAt = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is UTC");
    }
}
