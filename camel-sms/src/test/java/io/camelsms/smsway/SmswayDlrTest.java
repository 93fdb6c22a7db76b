package io.camelsms.smsway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.smsway.model.SmswaySms;
import io.camelsms.smsway.model.SmswayState;
import io.camelsms.tracking.DeliveryTracker;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackedMessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * smsway:dlr end to end: sends over real HTTP to the sandbox, a real H2 tracking store per test, statuses moved by
 * the SandboxClock (frozen, so only the test moves them; the producer stamps sends with the same clock).
 */
class SmswayDlrTest extends SmswayTestSupport {

    static final String FAILING = "393803333333";

    @TempDir
    Path data;
    JdbcTrackingStore store;
    final List<DeliveryReport> routed = new CopyOnWriteArrayList<>();
    final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        store = JdbcTrackingStore.embeddedH2(data);
        store.start();
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("trackingStore", store);
        context.getComponent("smsway", SmswayComponent.class).getConfiguration().setQuotaClock(SANDBOX.sandbox().clock());
        return context;
    }

    /** After the support's sandbox reset, which lets the clock run again. */
    @BeforeEach
    void freezeClock() {
        SANDBOX.sandbox().clock().freeze();
    }

    @AfterEach
    void closeStore() {
        context.stop(); // no poll may run on a closed store
        store.stop();
    }

    /** A dlr route that records what it gets and refuses a change listed in failOnce the first time. */
    void dlrRoute(String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("smsway:dlr?delay=20&initialDelay=0" + options).routeId("dlr")
                        .process(e -> {
                            DeliveryReport report = e.getMessage().getBody(DeliveryReport.class);
                            assertEquals(report.eventId(), e.getMessage().getHeader(SmsHeaders.EVENT_ID));
                            if (failOnce.remove(report.externalId() + "/" + report.rawStatus())) {
                                throw new IllegalStateException("downstream refused " + report.rawStatus());
                            }
                            routed.add(report);
                        });
            }
        });
    }

    SendResult send(SmsMessage... messages) {
        return template.requestBody("smsway:send", List.of(messages), SendResult.class);
    }

    /** The raw states each external id was reported with, in order. */
    Map<String, List<String>> statesByExternalId() {
        Map<String, List<String>> states = new LinkedHashMap<>();
        routed.forEach(r -> states.computeIfAbsent(r.externalId(), k -> new ArrayList<>()).add(r.rawStatus()));
        return states;
    }

    void awaitRouted(int count) throws InterruptedException {
        await(() -> routed.size() >= count);
        assertEquals(count, routed.size(), () -> "reports: " + statesByExternalId());
    }

    /** Lets the consumer poll a few more times, then checks nothing new was routed. */
    void assertNothingMoreAfterMorePolls() throws InterruptedException {
        int before = routed.size();
        awaitPolls(3);
        assertEquals(before, routed.size(), () -> "reports: " + statesByExternalId());
    }

    void awaitPolls(int more) throws InterruptedException {
        long polls = polls();
        await(() -> polls() >= polls + more);
    }

    long polls() {
        return ((ScheduledPollConsumer) context.getRoute("dlr").getConsumer()).getCounter();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not reached within 10 s");
            Thread.sleep(10);
        }
    }

    String account() {
        return context.getComponent("smsway", SmswayComponent.class).getConfiguration().trackingAccount();
    }

    @Test
    void statusesProgressWithOneReportPerChangeAndARefusedChangeComesAgainOnce() throws Exception {
        smsway().failDelivery(FAILING, SmswayState.SMS_NOT_SENT.code());
        SendResult sent = send(SmsMessage.to("+39 380 111 1111").text("hello A").externalId("a-1").build(),
                SmsMessage.to("+393802222222").text("hello B").externalId("b-1").build(),
                SmsMessage.to("+" + FAILING).text("hello C").externalId("c-1").build());

        // the producer records an id smsgetlast's entry recomputes to, and the number as sent
        List<SmswaySms> entries = new SmswayApi(context.getComponent("smsway", SmswayComponent.class)
                .getConfiguration()).last(10);
        for (RecipientResult r : sent.recipients()) {
            assertNotNull(r.providerMessageId());
            assertEquals(1, entries.stream().filter(e -> SmswayStatusMatch.withDefaultWindow()
                    .matches(r.providerMessageId(), e)).count(), r.externalId());
        }
        assertEquals(List.of("393801111111", "393802222222", FAILING),
                store.openMessages("smsway", account(), 10).stream().map(TrackedMessage::recipient).toList());

        failOnce.add("b-1/3");
        dlrRoute("");
        awaitRouted(3);
        assertEquals(Set.of("1"), Set.copyOf(routed.stream().map(DeliveryReport::rawStatus).toList()));
        assertEquals(DeliveryStatus.ACCEPTED, routed.get(0).status());
        assertNothingMoreAfterMorePolls();

        SANDBOX.sandbox().clock().advance(SmsWaySimulator.PUSH_DELAY);
        awaitRouted(6); // b-1's 3 was refused once and comes again
        assertTrue(failOnce.isEmpty(), "the refused change was routed once before");
        assertNothingMoreAfterMorePolls();

        SANDBOX.sandbox().clock().advance(SmsWaySimulator.DELIVERY_DELAY);
        awaitRouted(8);
        assertNothingMoreAfterMorePolls();

        assertEquals(Map.of("a-1", List.of("1", "3", "8"), "b-1", List.of("1", "3", "8"), "c-1", List.of("1", "4")),
                statesByExternalId());
        DeliveryReport delivered = routed.stream().filter(r -> "a-1".equals(r.externalId()) && "8".equals(r.rawStatus()))
                .findFirst().orElseThrow();
        assertEquals(DeliveryStatus.DELIVERED, delivered.status());
        assertEquals("393801111111", delivered.recipient());
        assertEquals(sent.recipients().get(0).providerMessageId(), delivered.providerMessageId());
        assertEquals(DeliveryStatus.FAILED, routed.stream().filter(r -> "4".equals(r.rawStatus())).findFirst()
                .orElseThrow().status());
        assertEquals(List.of(), store.openMessages("smsway", account(), 10));

        // nothing open: the consumer no longer calls smsgetlast at all
        long calls = smsway().requestCount();
        awaitPolls(5);
        assertEquals(calls, smsway().requestCount());
    }

    @Test
    void aRestartMidWayRepeatsNothingAndLosesNothing() throws Exception {
        send(SmsMessage.to("+393801111111").text("restart A").externalId("r-1").build(),
                SmsMessage.to("+393802222222").text("restart B").externalId("r-2").build());
        dlrRoute("");
        awaitRouted(2);

        context.stop();
        SANDBOX.sandbox().clock().advance(SmsWaySimulator.PUSH_DELAY); // changes while nobody polls
        SmswayConfiguration configuration = context.getComponent("smsway", SmswayComponent.class).getConfiguration();
        configuration.setBaseUrl(SANDBOX.sandbox().baseUrl());
        configuration.setTokenapi(SmsWaySimulator.DEFAULT_TOKENAPI);
        configuration.setQuotaClock(SANDBOX.sandbox().clock());
        context.getRegistry().bind("trackingStore", store);
        context.start();
        awaitRouted(4);
        SANDBOX.sandbox().clock().advance(SmsWaySimulator.DELIVERY_DELAY);
        awaitRouted(6);
        assertNothingMoreAfterMorePolls();

        assertEquals(Map.of("r-1", List.of("1", "3", "8"), "r-2", List.of("1", "3", "8")), statesByExternalId());
    }

    @Test
    void aMessageWithoutAFinalStatusExpiresOnceAndIsNoLongerPolled() throws Exception {
        send(SmsMessage.to("+393801111111").text("stuck").externalId("x-1").build());
        dlrRoute("&trackingMaxAge=300");
        // the frozen clock keeps it at state 1 ("request"); after 300 ms of tracking it expires
        await(() -> routed.size() >= 2);
        assertEquals(List.of("1", DeliveryTracker.TRACKING_EXPIRED),
                routed.stream().map(DeliveryReport::rawStatus).toList());
        assertEquals(DeliveryStatus.EXPIRED, routed.get(1).status());
        assertEquals("x-1", routed.get(1).externalId());

        SANDBOX.sandbox().clock().advance(SmsWaySimulator.PUSH_DELAY.plus(SmsWaySimulator.DELIVERY_DELAY));
        assertNothingMoreAfterMorePolls(); // delivered later: the expired message is no longer followed
        assertEquals(List.of(), store.openMessages("smsway", account(), 10));
    }

    @Test
    void twoIdenticalTextsToOneNumberAreToldApartBySendTime() throws Exception {
        SmsMessage otp = SmsMessage.to("+393801111111").text("your code is 1234").build();
        send(SmsMessage.to(otp.recipient()).text(otp.text()).externalId("first").build());
        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(3)); // the first is sent (3), the second still a request
        send(SmsMessage.to(otp.recipient()).text(otp.text()).externalId("second").build());
        dlrRoute("");
        awaitRouted(2); // the first poll sees the first one at 3 already, the second at 1
        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(4)); // first delivered (7 s), second sent (4 s)
        await(() -> routed.stream().anyMatch(r -> "first".equals(r.externalId()) && "8".equals(r.rawStatus())));
        assertTrue(routed.stream().noneMatch(r -> "second".equals(r.externalId()) && "8".equals(r.rawStatus())),
                "the second is not delivered yet although an identical text to the same number is");
        SANDBOX.sandbox().clock().advance(SmsWaySimulator.DELIVERY_DELAY);
        await(() -> routed.stream().anyMatch(r -> "second".equals(r.externalId()) && "8".equals(r.rawStatus())));
        assertNothingMoreAfterMorePolls();
        assertEquals(Map.of("first", List.of("3", "8"), "second", List.of("1", "3", "8")), statesByExternalId());
    }

    @Test
    void identicalTextsToOneNumberInOneListGetAnIdEachAndAnEntryEach() throws Exception {
        SendResult sent = send(SmsMessage.to("+393801111111").text("same").externalId("p-1").build(),
                SmsMessage.to("+393801111111").text("same").externalId("p-2").build());
        Set<String> ids = new HashSet<>(sent.recipients().stream().map(RecipientResult::providerMessageId).toList());
        assertEquals(2, ids.size(), "the frozen clock stamps both sends alike; the ids still differ");
        assertNotEquals(null, ids.iterator().next());

        dlrRoute("");
        awaitRouted(2);
        SANDBOX.sandbox().clock().advance(SmsWaySimulator.PUSH_DELAY.plus(SmsWaySimulator.DELIVERY_DELAY));
        awaitRouted(4);
        assertNothingMoreAfterMorePolls();
        assertEquals(Map.of("p-1", List.of("1", "8"), "p-2", List.of("1", "8")), statesByExternalId());
        assertEquals(List.of(), store.openMessages("smsway", account(), 10));
    }
}
