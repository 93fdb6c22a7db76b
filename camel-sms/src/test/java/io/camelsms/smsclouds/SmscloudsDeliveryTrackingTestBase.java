package io.camelsms.smsclouds;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.tracking.JdbcTrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code smsclouds:dlr} end to end over real HTTP and a real {@link JdbcTrackingStore}: what the producer recorded
 * is polled campaign by campaign, each status change reaches the route exactly once with the caller's external id,
 * a failed route sees its change again, and a restart repeats and loses nothing. Run on each database.
 */
abstract class SmscloudsDeliveryTrackingTestBase extends SmscloudsTestSupport {

    static final String DLR = "smsclouds:dlr?delay=50&initialDelay=0";
    static final String FAILING = "4498987282";

    /** The database of this run; the schema is migrated by the store, the rows wiped before each test. */
    protected abstract DataSource dataSource();

    JdbcTrackingStore store;
    final List<DeliveryReport> routed = new CopyOnWriteArrayList<>();
    final List<DeliveryReport> attempts = new CopyOnWriteArrayList<>();
    final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        store = new JdbcTrackingStore(dataSource());
        store.start();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM sms_message");
            s.execute("DELETE FROM sms_event");
        }
        registry.bind("trackingStore", store);
    }

    @AfterEach
    void stopStore() {
        context.stop(); // no poll may run on a closed store
        store.stop();
    }

    /** A route that records every report it is given and refuses, once, the changes named in failOnce. */
    RouteBuilder dlrRoute(String uri) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(this::handle);
            }

            private void handle(Exchange exchange) {
                DeliveryReport report = exchange.getMessage().getBody(DeliveryReport.class);
                attempts.add(report);
                if (failOnce.remove(report.externalId() + "/" + report.rawStatus())) {
                    throw new IllegalStateException("downstream refused " + report.rawStatus());
                }
                routed.add(report);
            }
        };
    }

    List<SmsCloudsSimulator.Request> statusPolls(String campaignId) {
        return requestsTo("/api/v3/campaign/" + campaignId + "/messages");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code more} further status polls of the campaign happened, so a repeat would have shown. */
    void awaitPolls(String campaignId, int more) throws InterruptedException {
        int target = statusPolls(campaignId).size() + more;
        await(() -> statusPolls(campaignId).size() >= target, "the dlr consumer keeps polling");
    }

    SendResult sendThree() {
        SANDBOX.sandbox().clock().freeze();
        smsclouds().failNumber(FAILING);
        return template.requestBody("smsclouds:send?route=87", List.of(
                SmsMessage.to("4498987281").text("Tu pedido va en camino").externalId("order-1").build(),
                SmsMessage.to(FAILING).text("Tu pedido va en camino").externalId("order-2").build(),
                SmsMessage.to("4498987283").text("Tu pedido va en camino").externalId("order-3").build()),
                SendResult.class);
    }

    @Test
    void eachChangeOfEachMessageReachesTheRouteOnceWithTheCallersIdAcrossAFailureAndARestart() throws Exception {
        String campaignId = sendThree().batchIds().get(0);
        String account = context.getComponent("smsclouds", SmscloudsComponent.class).getConfiguration()
                .trackingAccount();
        context.addRoutes(dlrRoute(DLR));
        awaitPolls(campaignId, 2); // still inserting: no messages, nothing to report

        assertEquals(List.of(), routed);
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR);
        await(() -> routed.size() >= 3, "the three messages in progress");
        awaitPolls(campaignId, 2);
        assertEquals(3, routed.size(), "one report per message, not one per poll");
        assertTrue(routed.stream().allMatch(r -> "in progress".equals(r.rawStatus())
                                                 && r.status() == DeliveryStatus.QUEUED));

        // stopped mid-way; the messages go out meanwhile, and the first "sent" of order-3 fails in the route once
        context.stop();
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.SENDING_FOR);
        failOnce.add("order-3/sent");
        CamelContext restarted = new DefaultCamelContext();
        try {
            configure(restarted.getComponent("smsclouds", SmscloudsComponent.class));
            restarted.getRegistry().bind("trackingStore", store);
            restarted.addRoutes(dlrRoute(DLR));
            restarted.start();
            await(() -> routed.size() >= 6, "the final statuses after the restart");
            awaitPolls(campaignId, 3);
        } finally {
            restarted.stop();
        }

        assertEquals(6, routed.size(), "exactly one report per change per message: " + routed);
        Map<String, List<String>> changes = routed.stream().collect(Collectors.groupingBy(DeliveryReport::externalId,
                Collectors.mapping(DeliveryReport::rawStatus, Collectors.toList())));
        assertEquals(Map.of("order-1", List.of("in progress", "sent"), "order-2", List.of("in progress", "failed"),
                "order-3", List.of("in progress", "sent")), changes);
        assertEquals(2, attempts.stream().filter(r -> "order-3".equals(r.externalId()) && "sent".equals(r.rawStatus()))
                .count(), "the refused change came again on the next poll, then never");
        assertTrue(routed.stream().allMatch(r -> campaignId.equals(r.campaignId())));
        List<SmsCloudsSimulator.Sms> sent = smsclouds().campaigns().get(0).messages();
        for (SmsCloudsSimulator.Sms sms : sent) {
            DeliveryReport last = routed.stream().filter(r -> sms.cellphone().equals(r.recipient()))
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(String.valueOf(sms.id()), last.providerMessageId());
        }
        DeliveryReport failed = routed.stream().filter(r -> "failed".equals(r.rawStatus())).findFirst().orElseThrow();
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertEquals(FAILING, failed.recipient());
        // "sent" is the last status the provider gives (no handset receipt): those two stay open until trackingMaxAge
        assertEquals(Set.of("order-1", "order-3"), store.openMessages("smsclouds", account, 10).stream()
                .map(m -> m.externalId()).collect(Collectors.toSet()));
    }

    @Test
    void aMessageSentWithoutAnExternalIdGetsAGeneratedOneThatItsReportsCarry() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        SendResult sent = template.requestBody("smsclouds:send?route=87",
                SmsMessage.to("4498987281").text("Tu pedido va en camino").build(), SendResult.class);
        String generated = sent.recipients().get(0).externalId();
        assertTrue(generated.matches("cs-[0-9a-f]{32}"), generated);

        context.addRoutes(dlrRoute(DLR));
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR);
        await(() -> !routed.isEmpty(), "the message in progress");
        assertEquals(generated, routed.get(0).externalId());
    }
}
