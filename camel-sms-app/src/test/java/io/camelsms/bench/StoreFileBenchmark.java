package io.camelsms.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackedMessage;

/**
 * The embedded H2 store's file under delivery reports, without HTTP or routes: N open messages, then one report each
 * from {@value #CALLERS} threads as the delivery tracker records them (the message looked up by the provider's id,
 * its status updated: one shared commit per group of reports arriving together), printing every few seconds the
 * reports recorded, the .mv.db size, H2's chunk figures and the heap used after a GC; then, with the reports all
 * recorded, the same figures once the store has been idle for {@code idleSeconds}. Run it with
 * {@code bench/store-file.sh [reports] [idleSeconds]}.
 */
public final class StoreFileBenchmark {

    static final int CALLERS = 8;
    private static final String ACCOUNT = "bench-account";

    public static void main(String[] args) throws Exception {
        int reports = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 200_000;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path data = Files.createTempDirectory("camel-sms-store-file");
        JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data.resolve("tracking"));
        store.start();
        try {
            seed(store, reports);
            System.out.printf(Locale.ROOT, "store file: %,d reports from %d callers; work dir %s%n", reports, CALLERS,
                    data);
            System.out.println("| seconds | reports | reports/s | process CPU (s) | H2 file (MB) | file bytes per report |"
                    + " H2 figures | heap after GC (MB) |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---|---:|");
            store.statusCountsByProvider(); // waits until the seeded batches are expanded: reports only from here
            long seeded = StoreFile.bytes(data);
            cpuStart = cpuNanos();
            print(0, 0, 0, data, seeded);
            AtomicInteger next = new AtomicInteger();
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            List<Future<?>> done = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < CALLERS; c++) {
                done.add(callers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < reports; i = next.getAndIncrement()) {
                        TrackedMessage message = store.findByProviderMessageId("webcom", ACCOUNT, providerId(i))
                                .orElseThrow();
                        if (!store.updateStatus(message.id(), DeliveryStatus.DELIVERED, "deliver", Instant.now())) {
                            throw new IllegalStateException("report " + i + " not recorded");
                        }
                    }
                    return null;
                }));
            }
            callers.shutdown();
            long lastPrint = start;
            double seconds = 0;
            while (!callers.awaitTermination(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    lastPrint = System.nanoTime();
                    seconds = (lastPrint - start) / 1e9;
                    print(seconds, Math.min(next.get(), reports), Math.min(next.get(), reports) / seconds, data,
                            seeded);
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
            seconds = (System.nanoTime() - start) / 1e9;
            print(seconds, reports, reports / seconds, data, seeded);
            Thread.sleep(idleSeconds * 1_000L);
            System.out.printf(Locale.ROOT, "after %d s idle:%n", idleSeconds);
            print(seconds + idleSeconds, reports, reports / seconds, data, seeded);
            long delivered = store.statusCountsByProvider().get("webcom").getOrDefault(DeliveryStatus.DELIVERED, 0L);
            if (delivered != reports) {
                throw new IllegalStateException(delivered + " messages delivered, " + reports + " expected");
            }
            System.out.printf(Locale.ROOT, "checked: %,d messages delivered%n", delivered);
        } finally {
            store.stop();
            FileToSmsBenchmark.deleteTree(data);
        }
    }

    private static void seed(JdbcTrackingStore store, int count) {
        Instant now = Instant.now();
        List<TrackedMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(TrackedMessage.accepted("webcom", ACCOUNT, "file-" + i,
                    String.format(Locale.ROOT, "7319%08d", i), providerId(i), null, now));
            if (batch.size() == 10_000 || i == count - 1) {
                store.recordAccepted(batch);
                batch.clear();
            }
        }
    }

    private static String providerId(int i) {
        return String.valueOf(80_000_000L + i);
    }

    /** The process's CPU when the reports started (the seed and its expansion not counted). */
    private static long cpuStart;

    private static void print(double seconds, int reports, double rate, Path data, long seeded) {
        double cpu = (cpuNanos() - cpuStart) / 1e9; // before the GC below, which is the benchmark's own
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long file = StoreFile.bytes(data);
        System.out.printf(Locale.ROOT, "| %.0f | %,d | %,.0f | %.1f | %,.1f | %,.0f | %s | %d |%n", seconds, reports,
                rate, cpu, file / 1e6, reports == 0 ? 0.0 : (file - seeded) / (double) reports, StoreFile.info(data),
                heap >> 20);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
