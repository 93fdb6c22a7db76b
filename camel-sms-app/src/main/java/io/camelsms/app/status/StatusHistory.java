package io.camelsms.app.status;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The statuses of every tracked message over time, for the page's chart: one sample every few seconds, the last
 * {@code capacity} kept (memory stays flat however long the app runs).
 */
public final class StatusHistory {

    /** Half an hour at the default interval of 5 s. */
    public static final int DEFAULT_CAPACITY = 360;

    public record Sample(Instant at, StatusTotals totals) {
    }

    private final int capacity;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public StatusHistory(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    /** Oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }
}
