package io.camelsms.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic dlr consumer over a real H2 store; the provider is a list of reports the test sets. */
class DeliveryReportConsumerTest extends CamelTestSupport {

    @TempDir
    static Path data;
    static JdbcTrackingStore store;
    static final MovableClock CLOCK = new MovableClock();
    static final List<DeliveryReport> PROVIDER_SAYS = new CopyOnWriteArrayList<>();
    static final Set<String> FAIL_ONCE = ConcurrentHashMap.newKeySet();
    static final List<DeliveryReport> ROUTED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openStore() {
        store = JdbcTrackingStore.embeddedH2(data);
        store.start();
        Instant sent = CLOCK.instant();
        store.recordAccepted(List.of(
                TrackedMessage.accepted("fake", "acct", "order-1", "+5215500000001", "m-1", "c-1", sent),
                TrackedMessage.accepted("fake", "acct", "order-2", "+5215500000002", "m-2", "c-1", sent),
                TrackedMessage.accepted("fake", "acct", "order-3", "+5215500000003", null, "c-2", sent)));
    }

    @AfterAll
    static void closeStore() {
        store.stop();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.addComponent("fake", new FakeComponent());
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("fake:dlr?delay=20&initialDelay=0").routeId("dlr")
                        .process(e -> {
                            DeliveryReport r = e.getMessage().getBody(DeliveryReport.class);
                            if (FAIL_ONCE.remove(r.rawStatus())) {
                                throw new IllegalStateException("downstream refused " + r.rawStatus());
                            }
                            ROUTED.add(r);
                        });
            }
        };
    }

    private static DeliveryReport says(String messageId, String campaign, String recipient, DeliveryStatus status,
                                       String raw) {
        return new DeliveryReport("fake", messageId, campaign, recipient, null, status, raw, null, null);
    }

    @Test
    void oneReportPerChangeFailuresRetriedExpiryOnceAndNothingRepeatedAfterARestart() throws Exception {
        // first statuses; m-2's change fails once in the route and must come again
        FAIL_ONCE.add("queued-m2");
        PROVIDER_SAYS.addAll(List.of(
                says("m-1", "c-1", null, DeliveryStatus.SENT, "in progress"),
                says("m-2", "c-1", null, DeliveryStatus.QUEUED, "queued-m2"),
                says("m-9", "c-9", null, DeliveryStatus.SENT, "not ours"),
                says(null, "c-2", "+5215500000003", DeliveryStatus.DELIVERED, "sent")));
        awaitRouted(3);
        Thread.sleep(200); // more polls: no repeats
        assertEquals(3, ROUTED.size());
        DeliveryReport first = ROUTED.stream().filter(r -> "m-1".equals(r.providerMessageId())).findFirst().orElseThrow();
        assertEquals("order-1", first.externalId(), "the report carries the caller's id from the store");
        assertEquals("c-1", first.campaignId());
        assertTrue(ROUTED.stream().anyMatch(r -> "queued-m2".equals(r.rawStatus())), "retried after failing once");
        assertTrue(ROUTED.stream().noneMatch(r -> "not ours".equals(r.rawStatus())), "untracked messages are skipped");
        awaitTrue(() -> store.openCampaigns("fake", "acct").equals(List.of("c-1"))); // order-3 final: c-2 left

        // next change of m-1 only
        PROVIDER_SAYS.set(0, says("m-1", "c-1", null, DeliveryStatus.DELIVERED, "sent"));
        awaitRouted(4);
        assertEquals("sent", ROUTED.get(3).rawStatus());

        // m-2 never gets a final status: after 72 h it expires, once
        CLOCK.advance(Duration.ofHours(73));
        awaitRouted(5);
        DeliveryReport expired = ROUTED.get(4);
        assertEquals(DeliveryStatus.EXPIRED, expired.status());
        assertEquals("order-2", expired.externalId());
        assertEquals(DeliveryTracker.TRACKING_EXPIRED, expired.rawStatus());
        awaitTrue(() -> store.openCampaigns("fake", "acct").isEmpty()); // recorded right after the route returned

        // a restart of the context emits nothing again: every change is recorded
        Thread.sleep(200);
        assertEquals(5, ROUTED.size());
        context.stop();
        context.addComponent("fake", new FakeComponent()); // a stopped context forgets components added by hand
        context.start();
        Thread.sleep(300); // several polls after the restart
        assertEquals(5, ROUTED.size());
        assertEquals(List.of(), store.openMessages("fake", "acct", 10));
    }

    private static void awaitRouted(int count) throws InterruptedException {
        awaitTrue(() -> ROUTED.size() >= count);
        assertEquals(count, ROUTED.size());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 10 s");
            Thread.sleep(10);
        }
    }

    /** A provider whose dlr operation reports whatever PROVIDER_SAYS holds. */
    static final class FakeComponent extends DefaultComponent {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
            Endpoint endpoint = new ScheduledPollEndpoint(uri, this) {
                @Override
                public Producer createProducer() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Consumer createConsumer(Processor processor) throws Exception {
                    DeliveryReportConsumer consumer = new DeliveryReportConsumer(this, processor,
                            new DeliveryTracker("fake", "acct", store, CLOCK), store, "acct", Duration.ofHours(72),
                            (s, account) -> List.copyOf(PROVIDER_SAYS));
                    configureConsumer(consumer);
                    return consumer;
                }
            };
            setProperties(endpoint, parameters);
            return endpoint;
        }
    }

    /** The wall clock, moved forward by the test. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
