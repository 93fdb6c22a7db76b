package io.camelsms.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.testing.PostgresExtension;
import io.camelsms.testing.QuartzHeartbeat;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app in cluster mode, two and three nodes in one JVM (each a camel-main of its own, configured by properties
 * as a user does) on one PostgreSQL and one shared data folder: each file is sent by one node and each row reaches
 * the provider once; each Quartz firing runs on one node.
 */
class ClusterNodesTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final int ROWS = 1_500;
    private static final int BATCH = 100;

    @TempDir
    Path data;

    private final List<Main> nodes = new ArrayList<>();
    /** "node scheduledFireTime" of every heartbeat firing, on any node. */
    private final List<String> heartbeats = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(Main::stop);
    }

    @Test
    void threeNodesSendEachFileOnceAndEachRowOnce() throws Exception {
        SANDBOX.sandbox().pwapi().faults().latency(Duration.ofMillis(20));
        String database = databaseUrl("files");
        for (int i = 1; i <= 3; i++) {
            nodes.add(start("node-" + i, database));
        }
        List<String> ids = new ArrayList<>();
        for (String file : List.of("a.csv", "b.csv", "c.csv", "d.csv")) {
            ids.addAll(drop(file));
        }

        await(() -> List.of("a.csv", "b.csv", "c.csv", "d.csv").stream()
                .allMatch(f -> Files.exists(data.resolve("done").resolve(f))));

        Map<String, Integer> received = new HashMap<>();
        for (PwapiSimulator.Accepted message : SANDBOX.sandbox().pwapi().accepted()) {
            received.merge(message.idExtern(), 1, Integer::sum);
        }
        assertEquals(Map.of(), received.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "rows sent twice");
        assertEquals(ids.size(), received.size(), "every row received");
        assertTrue(received.keySet().containsAll(ids));
        for (String file : List.of("a.csv", "b.csv", "c.csv", "d.csv")) {
            // header + one line per row: the node that took the file wrote all of it
            assertEquals(ROWS + 1, Files.readAllLines(data.resolve("outbox").resolve(file + ".results.csv")).size());
        }
    }

    @Test
    void eachScheduledFiringRunsOnOneOfTwoNodes() throws Exception {
        String database = databaseUrl("polls");
        for (int i = 1; i <= 2; i++) {
            Main node = node("node-" + i, database);
            node.configure().addRoutesBuilder(QuartzHeartbeat.route("node-" + i,
                    (name, scheduled) -> heartbeats.add(name + " " + scheduled)));
            node.start();
            nodes.add(node);
        }
        await(() -> heartbeats.size() >= 6);

        Map<String, List<String>> byFiring = heartbeats.stream()
                .collect(Collectors.groupingBy(h -> h.substring(h.indexOf(' ') + 1)));
        assertEquals(Map.of(), byFiring.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "a firing ran on several nodes");
    }

    @Test
    void clusterModeWithoutAPostgresDataSourceDoesNotStartAndSaysWhatToSet() {
        Main node = SmsApplication.newMain();
        node.addOverrideProperty("sms.cluster.enabled", "true");
        node.addOverrideProperty("sms.data-dir", data.toString());
        node.addOverrideProperty("sms.sample-file", "");
        node.addOverrideProperty("camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable()));
        nodes.add(node);
        Throwable refused = assertThrows(Exception.class, node::start);
        while (!(refused instanceof SmsApplication.CannotStartException) && refused.getCause() != null) {
            refused = refused.getCause();
        }
        assertEquals("sms.cluster.enabled=true needs a PostgreSQL tracking store shared by every node: define a"
                     + " DataSource bean and name it in sms.tracking.datasource (the embedded H2 store belongs to one"
                     + " process)", refused.getMessage());
    }

    private String databaseUrl(String purpose) throws Exception {
        return ((PGSimpleDataSource) POSTGRES.freshDatabase(purpose)).getURL();
    }

    private Main start(String name, String databaseUrl) throws Exception {
        Main node = node(name, databaseUrl);
        node.start();
        return node;
    }

    /** A node as a user configures it: a PostgreSQL DataSource bean, cluster mode, the shared data folder. */
    private Main node(String name, String databaseUrl) {
        Main node = SmsApplication.newMain();
        Map<String, String> properties = new HashMap<>();
        properties.put("camel.beans.trackingDb", "#class:org.postgresql.ds.PGSimpleDataSource");
        properties.put("camel.beans.trackingDb.url", databaseUrl);
        properties.put("camel.beans.trackingDb.user", "postgres");
        properties.put("sms.tracking.datasource", "trackingDb");
        properties.put("sms.cluster.enabled", "true");
        properties.put("sms.cluster.node-id", name);
        properties.put("sms.cluster.checkin-interval", "1000");
        properties.put("sms.provider", "pwapi");
        properties.put("sms.data-dir", data.toString());
        properties.put("sms.sample-file", "");
        properties.put("sms.batch-size.pwapi", String.valueOf(BATCH));
        properties.put("sms.inbox.read-lock-interval", "100");
        properties.put("sms.webhook.secret", "cluster-test-secret");
        properties.put("camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable()));
        properties.put("camel.component.pwapi.base-url", SANDBOX.sandbox().baseUrl());
        properties.put("camel.component.pwapi.credential", PwapiSimulator.DEFAULT_CREDENTIAL);
        properties.put("camel.component.pwapi.token", PwapiSimulator.DEFAULT_TOKEN);
        properties.forEach(node::addOverrideProperty);
        return node;
    }

    /** A file of {@link #ROWS} rows with ids of its own, renamed into the shared inbox; returns the ids. */
    private List<String> drop(String name) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder("# text: Sua fatura está disponível.\nphone,name,external_id\n");
        String prefix = name.substring(0, name.indexOf('.'));
        for (int i = 0; i < ROWS; i++) {
            String id = prefix + "-" + i;
            ids.add(id);
            csv.append(String.format("+55219%08d,Cliente %d,%s%n", 80_000_000 + i, i, id));
        }
        Path partial = inbox.resolve(name + ".part");
        Files.writeString(partial, csv, StandardCharsets.UTF_8);
        Files.move(partial, inbox.resolve(name));
        return ids;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 60 s");
            Thread.sleep(50);
        }
    }
}
