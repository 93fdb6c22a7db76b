package io.camelsms.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuotaThrottleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final List<QuotaThrottle.Window> THREE_A_MINUTE =
            List.of(new QuotaThrottle.Window(Duration.ofMinutes(1), 3));

    private Instant now = T0;
    private final List<Duration> slept = new ArrayList<>();
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final QuotaThrottle.Sleeper sleeper = d -> {
        slept.add(d);
        now = now.plus(d);
    };
    private final QuotaThrottle throttle = new QuotaThrottle();

    @Test
    void theFourthOfThreeAMinuteWaitsUntilTheFirstLeavesTheWindow() throws Exception {
        for (int i = 0; i < 3; i++) {
            throttle.acquire("test", THREE_A_MINUTE, clock, sleeper, Duration.ofMinutes(5)).done();
            now = now.plusSeconds(10);
        }
        QuotaThrottle.Permit fourth = throttle.acquire("test", THREE_A_MINUTE, clock, sleeper, Duration.ofMinutes(5));

        assertEquals(List.of(Duration.ofSeconds(30)), slept, "the first was done at T0; it leaves at T0+60s");
        assertEquals(T0.plusSeconds(60), fourth.grantedAt());
    }

    @Test
    void aSendIsCountedAtTheTimeItFinishedNotWhenItStarted() throws Exception {
        QuotaThrottle.Permit slow = throttle.acquire("test", THREE_A_MINUTE, clock, sleeper, Duration.ofMinutes(5));
        now = now.plusSeconds(20);
        slow.done();
        throttle.acquire("test", THREE_A_MINUTE, clock, sleeper, Duration.ofMinutes(5)).done();
        throttle.acquire("test", THREE_A_MINUTE, clock, sleeper, Duration.ofMinutes(5)).done();

        throttle.acquire("test", THREE_A_MINUTE, clock, sleeper, Duration.ofMinutes(5));

        assertEquals(T0.plusSeconds(80), now, "free when the slow send, done at +20s, left the window");
    }

    @Test
    void aWaitLongerThanAllowedFailsAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            throttle.acquire("test", THREE_A_MINUTE, clock, sleeper, Duration.ZERO).done();
        }

        QuotaExceededException e = assertThrows(QuotaExceededException.class,
                () -> throttle.acquire("test", THREE_A_MINUTE, clock, sleeper, Duration.ofSeconds(59)));

        assertEquals(Duration.ofSeconds(60), e.getWaitNeeded());
        assertEquals(List.of(), slept);
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        List<QuotaThrottle.Window> none = List.of(new QuotaThrottle.Window(Duration.ofMinutes(1), 0));
        for (int i = 0; i < 1000; i++) {
            throttle.acquire("test", none, clock, sleeper, Duration.ZERO).done();
        }
        assertEquals(List.of(), slept);
    }
}
