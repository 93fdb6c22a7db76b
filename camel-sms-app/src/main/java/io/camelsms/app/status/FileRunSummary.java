package io.camelsms.app.status;

import java.time.Instant;

/**
 * One file's run: its name in the inbox, the provider it is sent with, its counts, and why its sending stopped.
 *
 * @param finishedAt     null while in progress
 * @param stoppedBecause null unless the run stopped sending (the file then moves to error/)
 */
public record FileRunSummary(String name, String provider, State state, Instant startedAt, Instant finishedAt,
                             FileCounts counts, String stoppedBecause) {

    public enum State {
        IN_PROGRESS, DONE, STOPPED
    }
}
