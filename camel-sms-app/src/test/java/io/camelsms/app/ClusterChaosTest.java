package io.camelsms.app;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.camel.test.AvailablePortFinder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.sandbox.Sandbox;
import io.camelsms.testing.ClusterNode;
import io.camelsms.testing.PostgresExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Cluster mode when a node dies: three app nodes, each a JVM of its own, on one PostgreSQL and one shared data
 * folder; a big file is dropped, and the node that claimed it is killed with SIGKILL mid-file. Once its claim's lease
 * has run out another node takes the file and resumes it from the tracking store: the sandbox (PW-API, which cannot
 * dedupe by our id) receives no row twice, and every row is either received or reported UNKNOWN (at most the one
 * batch in flight at the kill). Rows: 50,000 by default, {@code -Dcluster.chaos.rows=1000000} for the big run.
 * A second run streams painel callbacks at all three nodes and kills the one whose routes are under way: every status
 * change is emitted once, those the killed node held coming again after its lease.
 */
class ClusterChaosTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final int ROWS = Integer.getInteger("cluster.chaos.rows", 50_000);
    private static final int BATCH = 1_000;
    /** Per request: the file takes tens of seconds, so the kill lands mid-file however loaded the machine is. */
    private static final Duration LATENCY = Duration.ofMillis(100);
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration DEADLINE = Duration.ofSeconds(Math.max(120, ROWS / 500));
    private static final int KILLED_BY_SIGKILL = 137;
    private static final String SECRET = "chaos-secret";
    /** Messages of the callbacks run: one painel campaign (the panel is asked about one campaign a minute). */
    private static final int EVENT_ROWS = 50;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Callbacks the load balancer gives the node about to die alone; the others go to every node at once. */
    private static final int ALONE_AT_DOOMED = 5;

    @TempDir
    Path data;

    @Test
    void aNodeKilledMidFileLosesItsClaimAndAnotherNodeFinishesTheFileWithoutSendingARowTwice() throws Exception {
        DataSource database = POSTGRES.freshDatabase("chaos");
        String url = ((PGSimpleDataSource) database).getURL();
        Map<String, Process> nodes = new LinkedHashMap<>();
        try (Sandbox sandbox = Sandbox.start(0)) {
            PwapiSimulator pwapi = sandbox.pwapi();
            pwapi.faults().latency(LATENCY);
            for (String node : List.of("node-1", "node-2", "node-3")) {
                nodes.put(node, startNode(node, sandbox, url));
            }
            for (String node : nodes.keySet()) {
                await(node + " started", nodes.values(), () -> log(node).contains(" started in "));
            }
            List<String> ids = writeRecipients(data.resolve("inbox"), "big.csv", ROWS);

            await("five batches received", nodes.values(), () -> pwapi.acceptedCount() >= 5L * BATCH);
            String holder = holderOf(database).orElseThrow(() -> new AssertionError("nobody holds the file"));
            Process killed = nodes.get(holder);
            killed.destroyForcibly();
            assertTrue(killed.waitFor(10, TimeUnit.SECONDS), "the node did not die");
            assertEquals(KILLED_BY_SIGKILL, killed.exitValue());
            long receivedAtKill = pwapi.acceptedCount();
            assertTrue(receivedAtKill < ROWS, "the kill must land mid-file");
            List<Process> survivors = nodes.entrySet().stream().filter(e -> !e.getKey().equals(holder))
                    .map(Map.Entry::getValue).toList();

            await("another node finishes the file", survivors, () -> Files.exists(data.resolve("done/big.csv")));
            awaitIdle(pwapi);

            Map<String, Integer> received = new HashMap<>();
            pwapi.accepted().forEach(m -> received.merge(m.idExtern(), 1, Integer::sum));
            List<String> twice = received.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                    .toList();
            assertEquals(List.of(), twice, "rows the provider received twice (it cannot dedupe)");
            Map<String, Set<String>> statuses = resultStatuses(data.resolve("outbox/big.csv.results.csv"));
            assertEquals(Set.copyOf(ids), statuses.keySet(), "every row is in the results");
            List<String> missing = ids.stream().filter(id -> !received.containsKey(id)).toList();
            assertTrue(missing.stream().allMatch(id -> statuses.get(id).contains("UNKNOWN")),
                    "a row neither received nor reported UNKNOWN was lost");
            long unknown = statuses.values().stream().filter(s -> s.contains("UNKNOWN")).count();
            assertTrue(unknown <= BATCH, "at most the batch in flight at the kill is UNKNOWN: " + unknown);
            System.out.printf("cluster chaos: %d rows, %s killed with %d at the provider, a survivor finished the file;"
                              + " %d UNKNOWN (in flight at the kill), none sent twice%n", ROWS, holder, receivedAtKill,
                    unknown);
        } finally {
            for (Process node : nodes.values()) {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Callbacks under the kill: three painel nodes, every panel callback pushed at all three at once (as replicas
     * behind a load balancer that each may receive it); the node chosen to die has its routes' output held open by
     * the downstream, so at the kill it holds claims on changes it routed but did not finish. Those changes come
     * again once its lease ran out (the next poll, on a survivor), then never: every status change is emitted once
     * across the outputs that completed.
     */
    @Test
    void statusChangesANodeHeldWhenKilledComeAgainAfterTheLeaseAndEveryChangeIsEmittedOnce() throws Exception {
        DataSource database = POSTGRES.freshDatabase("chaos_events");
        String url = ((PGSimpleDataSource) database).getURL();
        Map<String, Process> nodes = new LinkedHashMap<>();
        String doomed = "node-1";
        try (Sandbox sandbox = Sandbox.start(0); Downstream downstream = Downstream.start()) {
            sandbox.clock().freeze();
            // the panel calls a closed port: the test replays each of its callbacks at every node instead
            String nowhere = "http://127.0.0.1:" + AvailablePortFinder.getNextAvailable() + "/sms/painel/callback";
            Map<String, String> ports = new LinkedHashMap<>();
            for (String node : List.of("node-1", "node-2", "node-3")) {
                String port = String.valueOf(AvailablePortFinder.getNextAvailable());
                ports.put(node, port);
                Map<String, String> painel = new LinkedHashMap<>();
                painel.put("camel.component.painel.base-url", sandbox.baseUrl());
                painel.put("camel.component.painel.login", PainelSimulator.DEFAULT_LOGIN);
                painel.put("camel.component.painel.password", PainelSimulator.DEFAULT_PASSWORD);
                painel.put("camel.component.painel.callback-url", nowhere);
                painel.put("sms.provider", "painel");
                painel.put("sms.dlr.cron", "0/2 * * * * ?");
                painel.put("sms.forward.url", downstream.url(node));
                painel.put("camel.server.port", port);
                nodes.put(node, startNode(node, url, painel));
            }
            for (String node : nodes.keySet()) {
                await(node + " started", nodes.values(), () -> log(node).contains(" started in "));
            }
            List<String> ids = writeRecipients(data.resolve("inbox"), "events.csv", EVENT_ROWS);
            await("the file sent", nodes.values(), () -> Files.exists(data.resolve("done/events.csv")));
            // the first poll, on whichever node: every message queued ("aguardando envio")
            await("every message reported queued", nodes.values(),
                    () -> downstream.completed().size() >= EVENT_ROWS);

            downstream.hold(doomed);
            sandbox.clock().advance(Duration.ofSeconds(61));
            sandbox.painel().tick();
            List<PainelSimulator.Push> pushes = sandbox.painel().pushes();
            assertEquals(EVENT_ROWS, pushes.size(), "one callback per delivered message");
            List<CompletableFuture<HttpResponse<Void>>> atSurvivors = new ArrayList<>();
            for (int i = 0; i < pushes.size(); i++) {
                PainelSimulator.Push push = pushes.get(i);
                // the first few reach the doomed node alone (the load balancer's pick), so it surely holds some
                for (Map.Entry<String, String> node : i < ALONE_AT_DOOMED ? Map.of(doomed, ports.get(doomed))
                        .entrySet() : ports.entrySet()) {
                    URI atNode = URI.create("http://127.0.0.1:" + node.getValue() + push.url().getRawPath() + "?"
                                            + push.url().getRawQuery());
                    CompletableFuture<HttpResponse<Void>> answer = HTTP.sendAsync(HttpRequest.newBuilder(atNode)
                            .GET().build(), HttpResponse.BodyHandlers.discarding());
                    if (!node.getKey().equals(doomed)) {
                        atSurvivors.add(answer);
                    }
                }
            }
            for (CompletableFuture<HttpResponse<Void>> answer : atSurvivors) {
                assertEquals(200, answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode());
            }
            await(doomed + " holds changes in its routes", nodes.values(), () -> downstream.held() > 0);
            Process killed = nodes.get(doomed);
            killed.destroyForcibly();
            assertTrue(killed.waitFor(10, TimeUnit.SECONDS), "the node did not die");
            int heldAtKill = downstream.held();
            assertTrue(claimsOf(database, doomed, false) >= heldAtKill, "the killed node held its changes' claims");
            List<Process> survivors = nodes.entrySet().stream().filter(e -> !e.getKey().equals(doomed))
                    .map(Map.Entry::getValue).toList();
            // a survivor's poll may have used the panel's minute before the leases ran out: the panel's time moves on
            // a minute (it stands still otherwise), so the next poll is answered
            await(doomed + "'s leases run out", survivors, () -> claimsOf(database, doomed, true) == 0);
            sandbox.clock().advance(Duration.ofSeconds(61));

            await("every message's final change emitted", survivors,
                    () -> downstream.completed().size() >= 2 * EVENT_ROWS);
            Map<String, Long> times = downstream.completed().stream()
                    .collect(Collectors.groupingBy(Emitted::change, Collectors.counting()));
            assertEquals(Map.of(), times.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "emitted more than once");
            Map<String, Set<String>> changesById = times.keySet().stream().collect(Collectors.groupingBy(
                    change -> change.substring(0, change.indexOf(' ')), Collectors.toSet()));
            assertEquals(Set.copyOf(ids), changesById.keySet(), "every message has its changes");
            assertTrue(changesById.entrySet().stream().allMatch(e -> e.getValue().size() == 2 && e.getValue()
                    .contains(e.getKey() + " aguardando envio")), "each message queued, then its final status: "
                                                                   + changesById);
            List<String> heldAgain = downstream.heldChanges().stream().filter(times::containsKey).toList();
            assertEquals(downstream.heldChanges(), heldAgain, "the changes the killed node held came again");
            assertTrue(downstream.completed().stream().noneMatch(e -> e.node().equals(doomed) && e.change()
                    .endsWith(" sucesso")), "the held node completed nothing after the hold");
            System.out.printf("cluster chaos: %d status changes emitted once across nodes; %s killed holding %d,"
                              + " emitted again by a survivor after the lease%n", times.size(), doomed, heldAtKill);
        } finally {
            for (Process node : nodes.values()) {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** One change a node's route sent downstream: "externalId rawStatus". */
    private record Emitted(String node, String change) {
    }

    /**
     * The downstream every node forwards its reports to (sms.forward.url, one path per node): it records each one it
     * answered, and holds unanswered the requests of a node put on hold, as a downstream that hangs would.
     */
    private static final class Downstream implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpServer server;
        private final List<Emitted> completed = new CopyOnWriteArrayList<>();
        private final List<String> heldChanges = new CopyOnWriteArrayList<>();
        private final CountDownLatch closing = new CountDownLatch(1);
        private volatile String heldNode;

        private Downstream(HttpServer server) {
            this.server = server;
        }

        static Downstream start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Downstream downstream = new Downstream(server);
            server.createContext("/emitted/", downstream::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return downstream;
        }

        String url(String node) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/emitted/" + node;
        }

        void hold(String node) {
            heldNode = node;
        }

        int held() {
            return heldChanges.size();
        }

        List<String> heldChanges() {
            return List.copyOf(heldChanges);
        }

        List<Emitted> completed() {
            return List.copyOf(completed);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String node = exchange.getRequestURI().getPath().substring("/emitted/".length());
            JsonNode report = JSON.readTree(exchange.getRequestBody());
            String change = report.path("externalId").asText() + " " + report.path("rawStatus").asText();
            if (node.equals(heldNode)) {
                heldChanges.add(change);
                try {
                    closing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
            } else {
                completed.add(new Emitted(node, change));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        }

        @Override
        public void close() {
            closing.countDown();
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** How many claims of changes {@code node} has in the database (only those whose lease still runs). */
    private static int claimsOf(DataSource database, String node, boolean live) {
        try (Connection c = database.getConnection(); var s = c.prepareStatement("SELECT count(*) FROM"
                + " sms_cluster_claim WHERE owner = ? AND claim_key LIKE 'tracking:message:%'"
                + (live ? " AND lease_until > now()" : ""))) {
            s.setString(1, node);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node whose claim on an inbox file is in the database, if any. */
    private static Optional<String> holderOf(DataSource database) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT owner FROM sms_cluster_claim WHERE claim_key LIKE 'inbox:%'")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private Process startNode(String name, Sandbox sandbox, String databaseUrl) throws IOException {
        return startNode(name, databaseUrl, ClusterNode.pwapi(sandbox, BATCH));
    }

    private Process startNode(String name, String databaseUrl, Map<String, String> provider) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(provider);
        properties.put("sms.webhook.secret", SECRET);
        return ClusterNode.start(name, databaseUrl, data, LEASE, properties);
    }

    private String log(String node) {
        Path log = ClusterNode.log(data, node);
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> writeRecipients(Path inbox, String name, int rows) throws IOException {
        Files.createDirectories(inbox);
        List<String> ids = new ArrayList<>(rows);
        StringBuilder csv = new StringBuilder("# text: Sua fatura está disponível.\nphone,name,external_id\n");
        for (int i = 0; i < rows; i++) {
            String id = String.format("row-%07d", i);
            ids.add(id);
            csv.append(String.format("+55219%08d,Cliente %d,%s%n", 80_000_000 + i, i, id));
        }
        Path partial = inbox.resolve(name + ".part");
        Files.writeString(partial, csv, StandardCharsets.UTF_8);
        Files.move(partial, inbox.resolve(name));
        return ids;
    }

    private static void awaitIdle(PwapiSimulator pwapi) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (pwapi.finishedCount() < pwapi.requestCount()) {
            assertTrue(System.nanoTime() < deadline, "the sandbox still serves a request");
            Thread.sleep(20);
        }
    }

    /** Waits for the condition; fails at the deadline or when every node died, with the nodes' logs. */
    private void await(String what, java.util.Collection<Process> nodes, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (nodes.stream().noneMatch(Process::isAlive) || System.nanoTime() > deadline) {
                fail(what + ": not reached\n" + logs());
            }
            Thread.sleep(50);
        }
    }

    private String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(data.resolve("logs"))) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append("--- ").append(log.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Row id to the statuses the results file gives it (a resumed row has ACCEPTED and ACCEPTED_EARLIER). */
    private static Map<String, Set<String>> resultStatuses(Path results) throws IOException {
        Map<String, Set<String>> statuses = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader)) {
                statuses.computeIfAbsent(record.get("row_id"), id -> new HashSet<>()).add(record.get("status"));
            }
        }
        return statuses;
    }
}
