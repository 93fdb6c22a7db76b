package io.camelsms.app.status;

import java.time.Instant;
import java.util.List;

/**
 * What the status page and its JSON twin show. Row counts come from the app's runs (in memory: rejected rows may
 * never reach the tracking store), tracked statuses from the tracking store.
 *
 * @param trackingStoreReadable false while the tracking store cannot be read: every {@code tracked} is then null
 * @param files     the files in progress (oldest first), then the last ones done (newest first)
 * @param providers every provider the app sent files with since it started or the store has messages of
 * @param history   the statuses of every tracked message over the last minutes, oldest first
 */
public record StatusReport(Instant generatedAt, boolean trackingStoreReadable, List<FileStatus> files, List<ProviderStatus> providers,
                           List<StatusHistory.Sample> history) {

    /**
     * @param rows    where the file's rows went (this run; a resumed file's earlier run counts as acceptedEarlier)
     * @param tracked the messages of this provider in the tracking store that came from a file of this name
     */
    public record FileStatus(String name, String provider, FileRunSummary.State state, Instant startedAt,
                             Instant finishedAt, FileCounts rows, StatusTotals tracked, String stoppedBecause) {
    }

    /**
     * @param rows    summed over every file run since the app started
     * @param tracked every message of the provider in the tracking store
     */
    public record ProviderStatus(String provider, FileCounts rows, StatusTotals tracked) {
    }
}
