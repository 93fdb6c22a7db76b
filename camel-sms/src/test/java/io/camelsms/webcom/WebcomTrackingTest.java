package io.camelsms.webcom;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.Json;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.RecipientResult.Outcome;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.sandbox.WebhookPush;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.tracking.DeliveryTracker;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackedMessage;
import io.camelsms.webcom.model.WebcomStatusRequest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery tracking end to end: webcom:send records into a real H2 tracking store, the sandbox's states progress
 * with its clock, and webcom:dlr (pushed, polled, or both) emits one report per change per message.
 */
class WebcomTrackingTest extends WebcomTestSupport {

    private static final String SECRET = "dlr-s3cr3t";
    private static final String POLL = "webcom:dlr?dlrMode=poll&delay=20&initialDelay=0";

    @TempDir
    Path data;
    private JdbcTrackingStore store;
    private String httpBase;
    /** What the routes emitted, in order, with the route that emitted it. */
    private final List<Routed> routed = new CopyOnWriteArrayList<>();
    /** "externalId:rawStatus" changes the route refuses once, as a downstream system that is briefly down. */
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final List<String> attempts = new CopyOnWriteArrayList<>();

    record Routed(String route, DeliveryReport report, String eventId) {
        String change() {
            return report.externalId() + ":" + report.rawStatus();
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        store = JdbcTrackingStore.embeddedH2(data);
        context.getRegistry().bind("trackingStore", store);
        httpBase = PlatformHttp.addServer(context);
        return context;
    }

    @AfterEach
    void closeStore() {
        context.stop(); // the routes first, then the database they use
        store.stop();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("webcom:dlr?webhookSecret=" + SECRET).routeId("push").autoStartup(false).process(e -> emit("push", e));
                from(POLL).routeId("poll").autoStartup(false).process(e -> emit("poll", e));
                from(POLL + "&trackingMaxAge=300").routeId("expiring").autoStartup(false)
                        .process(e -> emit("expiring", e));
            }
        };
    }

    private void emit(String route, org.apache.camel.Exchange exchange) {
        DeliveryReport report = exchange.getMessage().getBody(DeliveryReport.class);
        String change = report.externalId() + ":" + report.rawStatus();
        attempts.add(change);
        if (failOnce.remove(change)) {
            throw new IllegalStateException("downstream refused " + change);
        }
        routed.add(new Routed(route, report, exchange.getMessage().getHeader(SmsHeaders.EVENT_ID, String.class)));
    }

    private void start(String route) throws Exception {
        context.getRouteController().startRoute(route);
    }

    /** Sends one message per external id, to distinct phones; returns the id_sms of each. */
    private List<String> send(String... externalIds) {
        List<SmsMessage> messages = new ArrayList<>();
        for (String id : externalIds) {
            messages.add(SmsMessage.to(phone(id)).text("order " + id).externalId(id).build());
        }
        SendResult result = template.requestBody("webcom:send?sender=Shop", messages, SendResult.class);
        assertEquals(externalIds.length, result.accepted().size());
        return result.recipients().stream().map(r -> r.providerMessageId()).toList();
    }

    private static String phone(String externalId) {
        return "+7961" + String.format("%07d", Long.parseLong(externalId));
    }

    private List<String> changes() {
        return routed.stream().map(Routed::change).toList();
    }

    private List<String> changesOf(String externalId) {
        return routed.stream().filter(r -> externalId.equals(r.report().externalId())).map(Routed::change).toList();
    }

    private void awaitRouted(int count) throws InterruptedException {
        await(() -> routed.size() >= count);
        assertEquals(count, routed.size(), () -> "routed: " + changes());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 10 s");
            Thread.sleep(10);
        }
    }

    /** Lets a poll route run a few more rounds: long enough for several polls at delay=20. */
    private static void severalPolls() throws InterruptedException {
        Thread.sleep(200);
    }

    private String account() {
        return context.getComponent("webcom", WebcomComponent.class).getConfiguration().trackingAccount();
    }

    private static List<String> ackedIds(String json) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode ack : Json.MAPPER.readTree(json)) {
            ids.add(ack.get("id_sms").asText());
        }
        return ids;
    }

    /**
     * A CamelContext restart: the component and the HTTP server come back with the same options (on a new port),
     * the store keeps what it knew.
     */
    private void restartContext() throws Exception {
        context.stop();
        WebcomConfiguration configuration = context.getComponent("webcom", WebcomComponent.class).getConfiguration();
        configuration.setBaseUrl(SANDBOX.sandbox().baseUrl());
        configuration.setLogin(io.camelsms.sandbox.WebcomSimulator.DEFAULT_LOGIN);
        configuration.setPassword(io.camelsms.sandbox.WebcomSimulator.DEFAULT_PASSWORD);
        configuration.setTrackingStore(store); // as camel.component.webcom.trackingStore=#trackingStore would
        httpBase = PlatformHttp.addServer(context); // a stopped context drops its services; the server comes back
        context.start();
    }

    // ---- poll

    @Test
    void pollingEmitsOneReportPerChangeWithTheCallersIdRetriesAFailedRouteAndRepeatsNothingAfterARestart()
            throws Exception {
        webcom().outcome("79610000102", "not_deliver");
        List<String> ids = send("101", "102");
        failOnce.add("101:send");
        start("poll");

        awaitRouted(2);
        assertEquals(List.of("101:send"), changesOf("101"), "the failed change came again on the next poll, once");
        assertEquals(2, attempts.stream().filter("101:send"::equals).count());
        DeliveryReport sent = routed.stream().filter(r -> "102".equals(r.report().externalId())).findFirst()
                .orElseThrow().report();
        assertEquals(DeliveryStatus.SENT, sent.status());
        assertEquals(ids.get(1), sent.providerMessageId());
        assertEquals("webcom", sent.provider());

        // restart mid-way: the SENT changes are recorded, so they are not emitted again
        restartContext();
        start("poll");
        severalPolls();
        assertEquals(2, routed.size(), () -> "routed: " + changes());

        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        awaitRouted(4);
        assertEquals(List.of("101:send", "101:deliver"), changesOf("101"));
        assertEquals(List.of("102:send", "102:not_deliver"), changesOf("102"));
        assertEquals(DeliveryStatus.FAILED, routed.stream().filter(r -> r.change().equals("102:not_deliver"))
                .findFirst().orElseThrow().report().status());
        await(() -> store.openMessages("webcom", account(), 10).isEmpty());

        // final: never asked about again, never reported again
        int calls = webcom().statusRequests().size();
        severalPolls();
        assertEquals(calls, webcom().statusRequests().size(), "no state.php call once nothing is open");
        assertEquals(4, routed.size());
        assertEquals(4, routed.stream().map(Routed::eventId).distinct().count(), "one event id per change");
    }

    /** Messages of this account already in the store with the given status, as earlier sends left them. */
    private void recordEarlier(int count, long firstIdSms, DeliveryStatus status, String rawStatus) {
        Instant at = Instant.now().minus(Duration.ofHours(1));
        List<TrackedMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = String.valueOf(firstIdSms + i);
            messages.add(new TrackedMessage(0, "webcom", account(), id, "7960" + id, id, null, status, rawStatus, at,
                    at, at, null, null));
        }
        store.recordAccepted(messages);
    }

    @Test
    void pollingCostFollowsTheOpenMessagesNotTheFinalOnesInTheStore() throws Exception {
        recordEarlier(1000, 5_000_000, DeliveryStatus.DELIVERED, "deliver");
        List<Long> open = send("20001", "20002", "20003").stream().map(Long::valueOf).toList();
        start("poll");

        awaitRouted(3);
        await(() -> webcom().statusRequests().size() >= 3);
        List<List<Long>> calls = webcom().statusRequests();
        for (List<Long> call : calls) {
            assertEquals(open, call, "a state.php call asked about more than the 3 open messages");
        }
    }

    @Test
    void openMessagesAreAskedAboutManyIdsACall() throws Exception {
        recordEarlier(WebcomStatusRequest.IDS_PER_CALL + 1, 6_000_000, DeliveryStatus.ACCEPTED, null);
        WebcomStatusSource source = new WebcomStatusSource(WebcomApi.of(
                context.getComponent("webcom", WebcomComponent.class).getConfiguration()));

        source.fetch(store, account());

        List<List<Long>> calls = webcom().statusRequests();
        assertEquals(List.of(WebcomStatusRequest.IDS_PER_CALL, 1), calls.stream().map(List::size).toList());
        assertEquals(6_000_000L, calls.get(0).get(0), "oldest first");
        assertEquals(6_000_000L + WebcomStatusRequest.IDS_PER_CALL, calls.get(1).get(0));
    }

    @Test
    void aMessageWithoutAFinalStateExpiresOnceAndIsNoLongerPolled() throws Exception {
        webcom().outcome("79610000301", "partly_deliver"); // sent, no status will ever come
        send("301");
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        start("expiring"); // trackingMaxAge=300 ms

        await(() -> routed.stream().anyMatch(r -> r.report().status() == DeliveryStatus.EXPIRED));
        await(() -> store.openMessages("webcom", account(), 10).isEmpty());
        int calls = webcom().statusRequests().size();
        severalPolls();

        List<Routed> expired = routed.stream().filter(r -> r.report().status() == DeliveryStatus.EXPIRED).toList();
        assertEquals(1, expired.size(), () -> "routed: " + changes());
        assertEquals("301", expired.get(0).report().externalId());
        assertEquals(DeliveryTracker.TRACKING_EXPIRED, expired.get(0).report().rawStatus());
        assertEquals(routed.get(routed.size() - 1), expired.get(0), "nothing after the last report");
        assertEquals(calls, webcom().statusRequests().size(), "an expired message is not asked about");
    }

    @Test
    void theSameExternalIdSentAgainIsOneMessageWithOneRowAndIsNeverReportedAgainAfterItsDelivery() throws Exception {
        String idSms = send("601").get(0);
        SmsMessage same = SmsMessage.to(phone("601")).text("order 601").externalId("601").build();
        SmsMessage otherText = SmsMessage.to(phone("601")).text("order 601, updated").externalId("601").build();

        SendResult again = template.requestBody("webcom:send?sender=Shop", List.of(same, otherText), SendResult.class);

        RecipientResult earlier = again.recipients().get(0);
        assertEquals(Outcome.ACCEPTED_EARLIER, earlier.outcome());
        RecipientResult conflict = again.recipients().get(1);
        assertEquals(Outcome.REJECTED, conflict.outcome());
        assertEquals("external id '601' is also message 0 of this send; an external id names one message",
                conflict.reason());
        SendResult later = template.requestBody("webcom:send?sender=Shop", otherText, SendResult.class);
        String reason = later.recipients().get(0).reason();
        assertTrue(reason.startsWith("external id '601' was already used for another text: webcom accepted it on 20"),
                reason);
        assertTrue(reason.endsWith("(message id " + idSms + "); not sent (use a new external id for a new message)"),
                reason);
        assertEquals(1, webcom().lastRequests().stream().filter(r -> r.path().equals(WebcomSimulator.SEND_PATH))
                .count(), "one send reached the platform");
        assertEquals(1, store.openMessages("webcom", account(), 10).size(), "one row");

        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        start("expiring"); // trackingMaxAge=300 ms: the delivery comes first, then nothing
        awaitRouted(1);
        Thread.sleep(500);
        severalPolls();
        assertEquals(List.of("601:deliver"), changes());
    }

    @Test
    void pollingWithoutATrackingStoreRefusesToStartNamingTheOption() {
        WebcomEndpoint endpoint = context.getEndpoint("webcom:dlr?dlrMode=poll&tracking=false", WebcomEndpoint.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> endpoint.createConsumer(exchange -> { }));
        assertTrue(e.getMessage().contains("trackingStore"), e.getMessage());
    }

    // ---- push

    @Test
    void pushedChangesAreRoutedOnceWithTheCallersIdAndAFailedOneIsAcknowledgedOnlyOnceRouted() throws Exception {
        webcom().webhookUrl(URI.create(httpBase + "/sms/webcom/dlr/" + SECRET));
        start("push");
        List<String> ids = send("401", "402");
        failOnce.add("401:deliver");
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));

        WebhookPush.Answer first = webcom().push();
        assertEquals(List.of(ids.get(1)), ackedIds(first.body()), "the failed id is not acknowledged");
        assertEquals(List.of("402:deliver"), changes());

        WebhookPush.Answer second = webcom().push(); // the platform re-sends it
        assertEquals(List.of(ids.get(0)), ackedIds(second.body()));
        assertEquals(List.of("402:deliver", "401:deliver"), changes());
        assertEquals(DeliveryStatus.DELIVERED, routed.get(1).report().status());
        assertEquals(ids.get(0), routed.get(1).report().providerMessageId());
        assertNull(webcom().push(), "nothing left to push");
        assertEquals(List.of(), store.openMessages("webcom", account(), 10), "the pushed changes are recorded");

        // after a restart, the platform re-sends a push whose answer it never got: acknowledged, not routed again
        restartContext();
        start("push");
        String lost = webcom().pushes().get(0);
        WebhookPush.Answer again = WebhookPush.post(URI.create(httpBase + "/sms/webcom/dlr/" + SECRET),
                "application/json", lost);
        assertEquals(200, again.status());
        assertEquals(ids, ackedIds(again.body()), "both ids of that push are acknowledged");
        assertEquals(2, routed.size(), () -> "routed: " + changes());
    }

    @Test
    void aPushedEntryForAMessageTheStoreDoesNotKnowIsAcknowledgedWithoutBeingRouted() throws Exception {
        start("push");
        WebhookPush.Answer answer = WebhookPush.post(URI.create(httpBase + "/sms/webcom/dlr/" + SECRET), "application/json",
                "[{\"id_sms\":\"999999\",\"time\":\"2011-01-01 12:57:46\",\"state\":\"deliver\"}]");
        assertEquals(List.of("999999"), ackedIds(answer.body()));
        assertEquals(List.of(), routed);
    }

    private WebhookPush.Answer push(String... states) throws Exception {
        return WebhookPush.post(URI.create(httpBase + "/sms/webcom/dlr/" + SECRET), "application/json",
                "[" + String.join(",", states) + "]");
    }

    private static String state(String idSms, String state) {
        return "{\"id_sms\":\"" + idSms + "\",\"time\":\"2011-01-01 12:57:46\",\"state\":\"" + state + "\"}";
    }

    @Test
    void aBatchedPushTakesItsGoodEntriesAndLeavesOutABadOneAndOneWhoseRouteFailed() throws Exception {
        start("push");
        List<String> ids = send("601", "602", "603");
        failOnce.add("602:deliver");
        String[] body = {state(ids.get(0), "deliver"), state(ids.get(1), "deliver"), "{\"id_sms\":\"1\"}",
                         state(ids.get(2), "deliver")};

        WebhookPush.Answer first = push(body);
        assertEquals(200, first.status());
        assertEquals(List.of(ids.get(0), ids.get(2)), ackedIds(first.body()), "the bad entry and the failed one"
                + " are left out, so the platform sends them again");
        assertEquals(List.of("601:deliver", "603:deliver"), changes());

        WebhookPush.Answer again = push(body); // the platform re-sends the push
        assertEquals(ids, ackedIds(again.body()));
        assertEquals(List.of("601:deliver", "603:deliver", "602:deliver"), changes(), "only the failed one again");
    }

    @Test
    void twoStatesOfOneMessageInOnePushAreBothRoutedInOrder() throws Exception {
        start("push");
        List<String> ids = send("611", "612");

        WebhookPush.Answer answer = push(state(ids.get(0), "send"), state(ids.get(1), "deliver"),
                state(ids.get(0), "deliver"));

        assertEquals(List.of(ids.get(0), ids.get(1), ids.get(0)), ackedIds(answer.body()));
        assertEquals(List.of("611:send", "612:deliver", "611:deliver"), changes());
        assertEquals(List.of(), store.openMessages("webcom", account(), 10));
    }

    // ---- push and poll together

    @Test
    void pushAndPollOnTheSameStoreEmitEachChangeOnce() throws Exception {
        webcom().webhookUrl(URI.create(httpBase + "/sms/webcom/dlr/" + SECRET));
        start("push");
        start("poll");
        List<String> first = send("501", "502");
        awaitRouted(2); // the poll sees them sent
        // and records them after its page was routed
        await(() -> first.stream().allMatch(id -> store.findByProviderMessageId("webcom", account(), id)
                .map(m -> m.status() == DeliveryStatus.SENT).orElse(false)));

        // pushed first: the poll (back after a pause) has nothing left to say
        context.getRouteController().stopRoute("poll");
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        assertEquals(first, ackedIds(webcom().push().body()));
        assertEquals(4, routed.size(), () -> "routed: " + changes());
        start("poll");
        severalPolls();
        assertEquals(4, routed.size(), () -> "routed: " + changes());

        // polled first: the later push is acknowledged without being routed
        List<String> second = send("503");
        awaitRouted(5);
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        awaitRouted(6);
        WebhookPush.Answer late = webcom().push();
        assertEquals(second, ackedIds(late.body()));
        severalPolls();

        assertEquals(List.of("501:send", "501:deliver"), changesOf("501"));
        assertEquals(List.of("502:send", "502:deliver"), changesOf("502"));
        assertEquals(List.of("503:send", "503:deliver"), changesOf("503"));
        assertEquals(List.of("poll", "poll", "push", "push", "poll", "poll"),
                routed.stream().map(Routed::route).toList());
    }
}
