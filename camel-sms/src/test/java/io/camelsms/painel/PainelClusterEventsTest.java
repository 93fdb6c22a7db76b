package io.camelsms.painel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.cluster.ClusteredTrackingStore;
import io.camelsms.core.DeliveryReport;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.SandboxClock;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.testing.PostgresExtension;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes (CamelContexts, each with its own clustered tracking store, HTTP server, painel:callback and
 * painel:dlr) on one PostgreSQL: every status change is routed once across the nodes, whether the panel's callback
 * reaches one node, all three at once, or a poll on another node sees it first; a change a node's route failed comes
 * again (the callback answered 500, a later poll brings it), then never.
 */
class PainelClusterEventsTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final String SECRET = "cluster-s3cr3t";
    private static final String ACCOUNT = SmsConfiguration.accountLabel(PainelSimulator.DEFAULT_LOGIN);
    private static final Duration MINUTE = Duration.ofSeconds(61);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int MESSAGES = 30;

    /** The once-a-minute guard's clock, moved by the test (the guard is one per JVM, so one poll a minute here). */
    private final SandboxClock guardClock = new SandboxClock();
    private final List<Node> nodes = new ArrayList<>();
    /** Completed routes: "node externalId rawStatus". */
    private final List<String> routed = new CopyOnWriteArrayList<>();
    /** externalId/rawStatus a route refuses the first time it gets it, on whichever node. */
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    private record Node(String name, CamelContext context, ClusteredTrackingStore store, String serverUrl) {
    }

    @BeforeEach
    void startNodes() throws Exception {
        PainelRateLimiter.SHARED.clear();
        SANDBOX.sandbox().clock().freeze();
        guardClock.freeze();
        DataSource database = POSTGRES.freshDatabase("cluster_events");
        for (int i = 1; i <= 3; i++) {
            nodes.add(node("node-" + i, database));
        }
    }

    @AfterEach
    void stopNodes() {
        for (Node node : nodes) {
            node.context().stop();
            node.store().stop();
        }
    }

    private Node node(String name, DataSource database) throws Exception {
        CamelContext context = new DefaultCamelContext();
        String serverUrl = PlatformHttp.addServer(context);
        PainelComponent painel = context.getComponent("painel", PainelComponent.class);
        painel.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        painel.getConfiguration().setLogin(PainelSimulator.DEFAULT_LOGIN);
        painel.getConfiguration().setPassword(PainelSimulator.DEFAULT_PASSWORD);
        painel.getConfiguration().setDefaultRegion("BR");
        painel.clock(guardClock);
        ClusteredTrackingStore store = new ClusteredTrackingStore(database, name, Duration.ofSeconds(30));
        context.getRegistry().bind("trackingStore", store);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("painel:callback?webhookSecret=" + SECRET).process(e -> route(name, e.getMessage()
                        .getBody(DeliveryReport.class)));
                from("painel:dlr?delay=20&initialDelay=0").process(e -> route(name, e.getMessage()
                        .getBody(DeliveryReport.class)));
            }
        });
        context.start();
        return new Node(name, context, store, serverUrl);
    }

    private void route(String node, DeliveryReport report) {
        if (failOnce.remove(report.externalId() + "/" + report.rawStatus())) {
            throw new IllegalStateException("downstream refused " + report.rawStatus());
        }
        routed.add(node + " " + report.externalId() + " " + report.rawStatus());
    }

    @Test
    void eachChangeIsRoutedOnceAcrossNodesWhetherPushedToAnyNodePolledOrBoth() throws Exception {
        Node first = nodes.get(0);
        String callback = first.serverUrl() + "/sms/painel/callback/" + SECRET;
        List<SmsMessage> messages = IntStream.range(0, MESSAGES).mapToObj(i -> SmsMessage
                .to(String.format("319%08d", 90_000_000 + i)).text("Oi").externalId(String.format("m-%02d", i))
                .option("url_callback", callback).build()).toList();
        SendResult sent = first.context().createProducerTemplate().requestBody("painel:send", messages,
                SendResult.class);
        assertEquals(MESSAGES, sent.recipients().size());
        // the first poll, on whichever node gets the minute: every message queued
        await(() -> routed.size() >= MESSAGES);
        failOnce.add("m-03/sucesso");

        // the panel moves on and calls the first node back; a load balancer would have sent each call to any node:
        // each call is replayed to all three at once, while a poll of the new minute runs too
        SANDBOX.sandbox().clock().advance(MINUTE);
        SANDBOX.sandbox().painel().tick();
        guardClock.advance(MINUTE);
        List<PainelSimulator.Push> pushes = SANDBOX.sandbox().painel().pushes();
        assertEquals(MESSAGES, pushes.size(), "one callback per message");
        ExecutorService callers = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (PainelSimulator.Push push : pushes) {
                for (Node node : nodes) {
                    URI atNode = URI.create(node.serverUrl() + "/sms/painel/callback/" + SECRET + "?data_callback="
                            + URLEncoder.encode(push.dataCallback(), StandardCharsets.UTF_8));
                    answers.add(callers.submit(() -> get(atNode)));
                }
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 200 || status == 500, "acknowledged, or refused by the failing route: " + status);
            }
        } finally {
            callers.shutdownNow();
        }
        // the change the route refused comes with the next poll, on whichever node
        guardClock.advance(MINUTE);
        await(() -> nodes.get(0).store().openMessages("painel", ACCOUNT, 1).isEmpty()
                    && routed.size() >= 2 * MESSAGES);

        Map<String, Long> times = routed.stream().map(line -> line.substring(line.indexOf(' ') + 1))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of(), times.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "routed more than once");
        assertEquals(2 * MESSAGES, times.size(), "every message's two changes, queued and final: " + routed);
        assertTrue(times.containsKey("m-03 sucesso"), "the refused change came again");
        assertTrue(failOnce.isEmpty(), "the refusal happened");
        long statusQueries = SANDBOX.sandbox().painel().lastRequests().stream()
                .filter(q -> q.startsWith("action=getstatus&")).count();
        assertTrue(statusQueries <= 3, "the panel's once a minute, for the cluster (3 minutes): " + statusQueries);
        // which node wins each claim is the scheduler's business (under load one node may win them all): not asserted
    }

    private static int get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 30 s");
            Thread.sleep(20);
        }
    }
}
