package io.camelsms.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.SendJob;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.testing.AppProcess;
import io.camelsms.sandbox.Sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The crash-safety promise, on the real app: {@link SmsApplication} runs in a child JVM against a sandbox in this
 * JVM, is killed with SIGKILL in the middle of a file, and a second child on the same data directory finishes it.
 * The sandbox is the provider: no row may reach it twice (PW-API cannot dedupe by our id), every row must be in the
 * results, and a row it did not receive must be there as UNKNOWN: the batch that was in flight at the kill, which the
 * write-ahead marked before its request left, is reported UNKNOWN by the second run and not sent again.
 */
class CrashResumeTest {

    private static final int ROWS = 4_000;
    private static final int BATCH = 200;
    /** Per request: the file takes seconds, so the kill lands mid-file however loaded the machine is. */
    private static final Duration LATENCY = Duration.ofMillis(250);
    /** How long the sandbox holds the request in flight at the kill: far past the time the kill takes. */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(5);
    /** Bounds a child JVM's start plus its sending, on a loaded 2-core machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(40);
    /** 128 + SIGKILL(9): how Java reports a process the kernel killed with SIGKILL. */
    private static final int KILLED_BY_SIGKILL = 137;

    @TempDir
    Path data;

    @Test
    void aRunKilledMidFileIsResumedWithoutLosingOrResendingARow() throws Exception {
        List<String> ids = writeRecipients(data.resolve("inbox"), "campaign.csv");
        try (Sandbox sandbox = Sandbox.start(0)) {
            PwapiSimulator pwapi = sandbox.pwapi();
            pwapi.faults().latency(LATENCY);

            Process first = startApp(sandbox, "first");
            long receivedAtKill;
            try {
                await("the first run has sent five batches", first,
                        () -> pwapi.acceptedCount() >= 5L * BATCH);
                first.destroyForcibly();
                assertTrue(first.waitFor(10, TimeUnit.SECONDS), "the first run did not die");
                receivedAtKill = pwapi.acceptedCount();
            } finally {
                first.destroyForcibly();
            }
            assertEquals(KILLED_BY_SIGKILL, first.exitValue(), "destroyForcibly() is SIGKILL, no shutdown hook ran");
            assertTrue(receivedAtKill < ROWS, "the kill must land mid-file; the sandbox already had " + receivedAtKill);
            assertTrue(Files.exists(data.resolve("inbox/campaign.csv")), "a killed run leaves the file in the inbox");

            Process second = startApp(sandbox, "second");
            try {
                await("the second run moves the file to done/", second,
                        () -> Files.exists(data.resolve("done/campaign.csv")));
            } finally {
                second.destroyForcibly();
                second.waitFor(10, TimeUnit.SECONDS);
            }

            awaitIdle(pwapi);
            Map<String, Integer> received = received(pwapi);
            assertEquals(List.of(), twice(received), "rows the provider received twice");
            assertTrue(ids.containsAll(received.keySet()), "the provider received only the file's rows");

            Map<String, Set<String>> results = resultStatuses(data.resolve("outbox/campaign.csv.results.csv"));
            assertEquals(Set.copyOf(ids), results.keySet(), "the results file lists every row");
            List<String> unknown = ids.stream().filter(id -> results.get(id).contains("UNKNOWN")).toList();
            List<String> missing = ids.stream().filter(id -> !received.containsKey(id)).toList();
            assertTrue(unknown.containsAll(missing), "rows the provider never received and not reported UNKNOWN: "
                    + missing.stream().filter(id -> !unknown.contains(id)).toList());
            assertTrue(unknown.size() <= BATCH && oneBatch(ids, unknown),
                    "the UNKNOWN rows are not the one batch in flight at the kill: " + unknown);
            long skipped = results.values().stream().filter(s -> s.contains("ACCEPTED_EARLIER")).count();
            assertTrue(skipped > 0, "the second run skipped no row the first run had sent");
            System.out.printf("crash resume: %d of %d rows at the provider at the kill, %d skipped by the second run,"
                              + " %d unknown (in flight at the kill), %d of them received%n", receivedAtKill, ROWS,
                    skipped, unknown.size(), unknown.stream().filter(received::containsKey).count());
        }
    }

    /**
     * The kill lands while a batch's request is surely in flight: the sandbox holds the fourth request (it answers
     * only after {@link #IN_FLIGHT}, and acts then, as a provider that got the request would), the first run is
     * killed the moment that request arrived. The second run on the same data folder and file reports that batch
     * UNKNOWN without sending it again, and sends the rest.
     */
    @Test
    void aBatchInFlightAtTheKillIsReportedUnknownAndNotResent() throws Exception {
        List<String> ids = writeRecipients(data.resolve("inbox"), "campaign.csv");
        int batchesBefore = 3;
        try (Sandbox sandbox = Sandbox.start(0)) {
            PwapiSimulator pwapi = sandbox.pwapi();
            pwapi.faults().failAfter(batchesBefore, 1, Fault.slow(IN_FLIGHT));

            Process first = startApp(sandbox, "first");
            try {
                await("the first run's fourth request reached the sandbox", first,
                        () -> pwapi.requestCount() > batchesBefore);
                first.destroyForcibly();
                assertTrue(first.waitFor(10, TimeUnit.SECONDS), "the first run did not die");
            } finally {
                first.destroyForcibly();
            }
            assertEquals(KILLED_BY_SIGKILL, first.exitValue(), "destroyForcibly() is SIGKILL, no shutdown hook ran");
            assertEquals(batchesBefore * (long) BATCH, pwapi.acceptedCount(), "the kill landed before the reply");
            awaitIdle(pwapi); // the provider acts on the request its client no longer waits for

            Process second = startApp(sandbox, "second");
            try {
                await("the second run moves the file to done/", second,
                        () -> Files.exists(data.resolve("done/campaign.csv")));
            } finally {
                second.destroyForcibly();
                second.waitFor(10, TimeUnit.SECONDS);
            }

            List<String> inFlight = ids.subList(batchesBefore * BATCH, (batchesBefore + 1) * BATCH);
            Map<String, Integer> received = received(pwapi);
            assertEquals(List.of(), twice(received), "rows the provider received twice");
            List<String> missing = ids.stream().filter(id -> !inFlight.contains(id) && !received.containsKey(id))
                    .toList();
            assertEquals(List.of(), missing, "rows other than the in-flight batch that never reached the provider");
            assertTrue(ids.containsAll(received.keySet()), "the provider received only the file's rows");

            Path results = data.resolve("outbox/campaign.csv.results.csv");
            Map<String, Set<String>> statuses = resultStatuses(results);
            Path rejects = data.resolve("outbox/campaign.csv.rejects.csv");
            assertTrue(!Files.exists(rejects) || Files.readAllLines(rejects).size() <= 1, "no row is rejected");
            assertEquals(Set.copyOf(ids), statuses.keySet(), "every row is in the results");
            for (String id : ids) {
                Set<String> expected = inFlight.contains(id) ? Set.of("UNKNOWN")
                        : ids.indexOf(id) < batchesBefore * BATCH ? Set.of("ACCEPTED", "ACCEPTED_EARLIER")
                        : Set.of("ACCEPTED");
                assertEquals(expected, statuses.get(id), "row " + id);
            }
            Map<String, String> reasons = resultReasons(results);
            assertTrue(inFlight.stream().allMatch(id -> reasons.get(id).contains(SendJob.IN_FLIGHT_REASON)),
                    "an in-flight row's reason says why: " + reasons.get(inFlight.get(0)));
            System.out.printf("in-flight crash: %d rows in flight at the kill, %d of them reached the provider (from the"
                              + " first run), none sent again%n", inFlight.size(),
                    inFlight.stream().filter(received::containsKey).count());
        }
    }

    /** The rows, if any, are consecutive rows of the file starting at a batch boundary. */
    private static boolean oneBatch(List<String> ids, List<String> rows) {
        if (rows.isEmpty()) {
            return true;
        }
        int first = ids.indexOf(rows.get(0));
        return first % BATCH == 0 && Set.copyOf(ids.subList(first, first + rows.size())).equals(Set.copyOf(rows));
    }

    /** Times each row id reached the sandbox. */
    private static Map<String, Integer> received(PwapiSimulator pwapi) {
        Map<String, Integer> received = new HashMap<>();
        for (PwapiSimulator.Accepted message : pwapi.accepted()) {
            received.merge(message.idExtern(), 1, Integer::sum);
        }
        return received;
    }

    private static List<String> twice(Map<String, Integer> received) {
        return received.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    /** Waits until the sandbox is done with every request it received (a killed client's request included). */
    private static void awaitIdle(PwapiSimulator pwapi) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (pwapi.finishedCount() < pwapi.requestCount()) {
            if (System.nanoTime() > deadline) {
                fail("the sandbox still serves a request after " + DEADLINE);
            }
            Thread.sleep(20);
        }
    }

    /** A recipients file of valid rows with their own ids, written under another name and renamed into place. */
    private static List<String> writeRecipients(Path inbox, String name) throws IOException {
        Files.createDirectories(inbox);
        List<String> ids = new ArrayList<>(ROWS);
        StringBuilder csv = new StringBuilder("# text: Sua fatura está disponível.\nphone,name,external_id\n");
        for (int i = 0; i < ROWS; i++) {
            // zero-padded, so sorting the ids keeps the file's order (oneBatch relies on it)
            String id = String.format("row-%05d", i);
            ids.add(id);
            csv.append(String.format("+55219%08d,Cliente %d,%s%n", 80_000_000 + i, i, id));
        }
        Path partial = inbox.resolve(name + ".part");
        Files.writeString(partial, csv, StandardCharsets.UTF_8);
        Files.move(partial, inbox.resolve(name));
        return ids;
    }

    /** The app as a user runs it, in its own JVM, pointed at the sandbox by -D (with credentials: no own sandbox). */
    private Process startApp(Sandbox sandbox, String name) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.component.pwapi.base-url", sandbox.baseUrl());
        properties.put("camel.component.pwapi.credential", PwapiSimulator.DEFAULT_CREDENTIAL);
        properties.put("camel.component.pwapi.token", PwapiSimulator.DEFAULT_TOKEN);
        properties.put("sms.provider", "pwapi");
        properties.put("sms.data-dir", data.toString());
        properties.put("sms.batch-size.pwapi", String.valueOf(BATCH));
        properties.put("sms.inbox.read-lock-interval", "100");
        properties.put("camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable()));
        return AppProcess.start(properties, data.resolve("logs").resolve(name + ".log"));
    }

    /** Waits for the condition; fails at the deadline or when the child died, with the child's log. */
    private void await(String what, Process child, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (!child.isAlive()) {
                fail(what + ": the app exited with " + child.exitValue() + "\n" + logs());
            }
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + DEADLINE + "\n" + logs());
            }
            Thread.sleep(20);
        }
    }

    private String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(data.resolve("logs"))) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append("--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Row id to the reason of its last line in the results file. */
    private static Map<String, String> resultReasons(Path results) throws IOException {
        Map<String, String> reasons = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                reasons.put(record.get("row_id"), record.get("reason"));
            }
        }
        return reasons;
    }

    /** Row id to the statuses the results file gives it (a resumed row has ACCEPTED and ACCEPTED_EARLIER). */
    private static Map<String, Set<String>> resultStatuses(Path results) throws IOException {
        Map<String, Set<String>> statuses = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                assertFalse(record.get("status").isBlank(), "a results line without a status: " + record);
                statuses.computeIfAbsent(record.get("row_id"), id -> new HashSet<>()).add(record.get("status"));
            }
        }
        return statuses;
    }
}
