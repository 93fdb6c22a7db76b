package io.camelsms.app.status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files the app is sending and the last ones it finished, in memory: what the status page lists. Bounded: only
 * the last {@code doneKept} finished runs are kept; per provider, the counts of every run since the app started are
 * summed as runs finish. Thread-safe: the file route adds and finishes runs, the status page reads.
 */
public final class RecentFileRuns {

    public static final int DEFAULT_DONE_KEPT = 20;

    private final int doneKept;
    private final Set<RunningFile> inProgress = new LinkedHashSet<>();
    /** Newest first. */
    private final Deque<FileRunSummary> done = new ArrayDeque<>();
    private final Map<String, FileCounts> finishedByProvider = new TreeMap<>();

    public RecentFileRuns(int doneKept) {
        this.doneKept = doneKept;
    }

    public synchronized void started(RunningFile run) {
        inProgress.add(run);
    }

    /** Takes the run's final counts; a run finished twice counts once. */
    public synchronized void finished(RunningFile run) {
        if (!inProgress.remove(run)) {
            return;
        }
        FileRunSummary summary = run.summary();
        finishedByProvider.merge(summary.provider(), summary.counts(), FileCounts::plus);
        done.addFirst(summary);
        while (done.size() > doneKept) {
            done.removeLast();
        }
    }

    /** The runs in progress (oldest first), then the finished ones kept (newest first). */
    public synchronized List<FileRunSummary> files() {
        List<FileRunSummary> files = new ArrayList<>(inProgress.size() + done.size());
        inProgress.forEach(run -> files.add(run.summary()));
        files.addAll(done);
        return files;
    }

    /** Per provider, the counts of every run since the app started, those in progress included. */
    public synchronized Map<String, FileCounts> totalsByProvider() {
        Map<String, FileCounts> totals = new TreeMap<>(finishedByProvider);
        for (RunningFile run : inProgress) {
            FileRunSummary summary = run.summary();
            totals.merge(summary.provider(), summary.counts(), FileCounts::plus);
        }
        return totals;
    }
}
