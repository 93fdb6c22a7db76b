package io.camelsms.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.camelsms.core.SendJob;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackedMessage;
import io.camelsms.tracking.UnknownSend;

/**
 * The tracking store alone, as a bulk send uses it: per batch of a file, the resume check
 * ({@code earlierContent}) then {@code recordAccepted}, on the embedded H2 store or on PostgreSQL
 * ({@code -Dbench.tracking=postgres}, an embedded PostgreSQL started for the run). With {@code inflight} as the
 * fourth argument the insert is what a send with a tracking store does today: the write-ahead
 * ({@code recordInFlight}) before the request, then {@code settleInFlight} (the accepted rows, the marks dropped).
 * Prints microseconds per row for each, per tenth of the run, so a cost that grows with the rows already stored
 * shows. Run it with {@code bench/tracking.sh [rows] [batch] [provider] [inflight]}.
 */
public final class TrackingStoreBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        String provider = args.length > 2 ? args[2] : "pwapi";
        boolean inFlight = args.length > 3 && "inflight".equals(args[3]);
        boolean postgres = "postgres".equals(System.getProperty("bench.tracking"));
        Path work = Files.createTempDirectory("camel-sms-tracking-bench");
        try (BenchPostgres pg = postgres ? BenchPostgres.start() : null) {
            JdbcTrackingStore store = postgres ? new JdbcTrackingStore(pg.dataSource())
                    : JdbcTrackingStore.embeddedH2(work);
            store.start();
            try {
                run(store, rows, batch, provider, (postgres ? "postgres" : "h2") + (inFlight ? " (in-flight marks)" : ""),
                        inFlight);
            } finally {
                store.stop();
            }
        } finally {
            FileToSmsBenchmark.deleteTree(work);
        }
    }

    private static void run(JdbcTrackingStore store, int rows, int batch, String provider, String database,
                            boolean inFlight) {
        System.out.printf(Locale.ROOT, "tracking store on %s: %,d rows of %s in batches of %,d%n", database, rows,
                provider, batch);
        long cpuBefore = processCpuNanos();
        long lookUpNanos = 0;
        long insertNanos = 0;
        long tenthLookUp = 0;
        long tenthInsert = 0;
        int tenthRows = 0;
        int campaign = 0;
        for (int from = 0; from < rows; from += batch) {
            int to = Math.min(rows, from + batch);
            List<String> ids = new ArrayList<>(to - from);
            List<TrackedMessage> accepted = new ArrayList<>(to - from);
            List<UnknownSend> marks = new ArrayList<>(inFlight ? to - from : 0);
            Instant now = Instant.now();
            String campaignId = "smsclouds".equals(provider) ? Integer.toString(++campaign) : null;
            for (int i = from; i < to; i++) {
                String externalId = "bench-" + i;
                ids.add(externalId);
                String recipient = "55" + (11_900_000_000L + i * 7_919L % 99_999_999L);
                accepted.add(TrackedMessage.accepted(provider, "bench-account", externalId, recipient,
                        providerMessageId(provider, i), campaignId, now,
                        TrackedMessage.contentHashOf(recipient, "bench text"), "bench.csv line " + (i + 2)));
                if (inFlight) {
                    marks.add(new UnknownSend(provider, "bench-account", externalId, recipient,
                            SendJob.IN_FLIGHT_REASON, now));
                }
            }
            long t0 = System.nanoTime();
            Set<String> already = store.earlierContent(provider, ids).keySet();
            long t1 = System.nanoTime();
            if (!already.isEmpty()) {
                throw new IllegalStateException(already.size() + " ids of a fresh batch were found as accepted");
            }
            if (inFlight) {
                String key = "batch-" + from;
                store.recordInFlight(key, marks);
                store.settleInFlight(key, accepted, List.of());
            } else {
                store.recordAccepted(accepted);
            }
            long t2 = System.nanoTime();
            lookUpNanos += t1 - t0;
            insertNanos += t2 - t1;
            tenthLookUp += t1 - t0;
            tenthInsert += t2 - t1;
            tenthRows += to - from;
            if (tenthRows >= rows / 10 || to == rows) {
                System.out.printf(Locale.ROOT, "  up to %,9d rows: resume check %5.1f µs/row, insert %5.1f µs/row%n",
                        to, tenthLookUp / 1e3 / tenthRows, tenthInsert / 1e3 / tenthRows);
                tenthLookUp = 0;
                tenthInsert = 0;
                tenthRows = 0;
            }
        }
        // a file dropped again: every id was sent, so the check finds (and reads) every one
        long again = 0;
        int found = 0;
        for (int from = 0; from < rows; from += batch) {
            List<String> ids = new ArrayList<>();
            for (int i = from; i < Math.min(rows, from + batch); i++) {
                ids.add("bench-" + i);
            }
            long t0 = System.nanoTime();
            found += store.earlierContent(provider, ids).size();
            again += System.nanoTime() - t0;
        }
        System.out.printf(Locale.ROOT, "tracking store on %s: the same %,d rows again: resume check %.1f µs/row"
                        + " (%,d found)%n", database, rows, again / 1e3 / rows, found);
        System.out.printf(Locale.ROOT, "tracking store on %s: resume check %.1f µs/row, insert %.1f µs/row,"
                        + " %.2f s for %,d rows; process CPU %.2f s (both passes: wall time is load-bound here)%n",
                database, lookUpNanos / 1e3 / rows, insertNanos / 1e3 / rows, (lookUpNanos + insertNanos) / 1e9, rows,
                (processCpuNanos() - cpuBefore) / 1e9);
    }

    /** pwapi answers with one id per message; smsclouds with a campaign only. */
    private static String providerMessageId(String provider, int i) {
        return "pwapi".equals(provider) ? Long.toString(9_000_000_000L + i) : null;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
