package io.camelsms.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.postgresql.ds.PGSimpleDataSource;

import io.camelsms.sandbox.Sandbox;
import io.camelsms.testing.ClusterNode;

/**
 * Issue 15's figure: recipient files through 1 node and through 2 nodes of the app in cluster mode, each node a JVM
 * of its own, one embedded PostgreSQL, pwapi against the sandbox (in this JVM). Each run starts from a fresh database
 * and data folder; the clock runs from the files landing in the inbox (nodes started and idle) to the last file in
 * done/. Not a test: bench/cluster.sh runs it and prints the figures side by side.
 * <p>
 * Arguments: total rows (default 1,000,000), how many files they are split into (default 1), node counts (default
 * "1,2"). A file is sent by one node (the one that claims it), so with one file a second node has nothing to do.
 */
public final class ClusterBenchmark {

    private static final int BATCH = 20_000;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration DEADLINE = Duration.ofMinutes(15);

    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String[] nodeCounts = (args.length > 2 ? args[2] : "1,2").split(",");
        List<String> lines = new ArrayList<>();
        for (String nodes : nodeCounts) {
            double seconds = run(rows, files, Integer.parseInt(nodes.strip()));
            lines.add(String.format(Locale.ROOT, "%-6s %-6d %10.1f %14.0f", nodes.strip(), files, seconds,
                    rows / seconds));
        }
        System.out.printf(Locale.ROOT, "cluster: %,d recipients in %d file(s), pwapi (batch %,d) against the sandbox,"
                                       + " tracking on one embedded PostgreSQL, each node a JVM; nproc %d%n", rows,
                files, BATCH, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-6s %-6s %10s %14s%n", "nodes", "files", "seconds", "recipients/s");
        lines.forEach(System.out::println);
        System.out.println(files == 1
                ? "one node per file: the node that claims the file sends all of it; with 1 file a second node idles."
                : "one node per file: with " + files + " files, up to " + files + " nodes send at once.");
    }

    /** Seconds from the files landing in the inbox to the last one in done/, with {@code nodes} nodes. */
    private static double run(int rows, int files, int nodes) throws Exception {
        Path data = Files.createTempDirectory("cluster-bench");
        List<Process> processes = new ArrayList<>();
        try (BenchPostgres postgres = BenchPostgres.start(); Sandbox sandbox = Sandbox.start(0)) {
            sandbox.pwapi().keepMessages(false);
            String url = ((PGSimpleDataSource) postgres.dataSource()).getURL();
            for (int n = 1; n <= nodes; n++) {
                processes.add(ClusterNode.start("node-" + n, url, data, LEASE, ClusterNode.pwapi(sandbox, BATCH)));
            }
            for (int n = 1; n <= nodes; n++) {
                Path log = ClusterNode.log(data, "node-" + n);
                await("node-" + n + " started", processes, () -> Files.exists(log)
                                                                  && Files.readString(log).contains(" started in "));
            }
            Path staging = Files.createDirectories(data.resolve("staging"));
            Path inbox = Files.createDirectories(data.resolve("inbox"));
            List<Path> written = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                written.add(write(staging.resolve("part-" + f + ".csv"), f, rows / files + (f < rows % files ? 1 : 0)));
            }
            long start = System.nanoTime();
            for (Path file : written) {
                Files.move(file, inbox.resolve(file.getFileName()));
            }
            await("every file done", processes, () -> written.stream()
                    .allMatch(f -> Files.exists(data.resolve("done").resolve(f.getFileName()))));
            double seconds = (System.nanoTime() - start) / 1e9;
            long received = sandbox.pwapi().acceptedCount();
            if (received != rows) {
                throw new IllegalStateException("the sandbox received " + received + " recipients, not " + rows);
            }
            return seconds;
        } finally {
            for (Process process : processes) {
                process.destroy();
                process.waitFor(20, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        }
    }

    private static Path write(Path file, int part, int rows) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# text: Sua fatura está disponível.\nphone,name,external_id\n");
            for (int i = 0; i < rows; i++) {
                out.write(String.format(Locale.ROOT, "+55219%08d,Cliente %d,f%d-%07d%n", 80_000_000 + i, i, part, i));
            }
        }
        return file;
    }

    private interface Check {
        boolean holds() throws IOException;
    }

    private static void await(String what, List<Process> nodes, Check check) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!check.holds()) {
            if (nodes.stream().noneMatch(Process::isAlive) || System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not reached");
            }
            Thread.sleep(20);
        }
    }
}
