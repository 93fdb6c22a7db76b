package io.camelsms.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.EventLedger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reports that come together (a batched push, a poll's page) are looked up together and recorded together, and stay
 * exactly-once: several pushes and polls of the same changes at once emit each change once, a failed route's change
 * comes again, and two reports of one message in one batch are both emitted, in order.
 */
class BatchedReportsTest {

    private static final int MESSAGES = 600;

    @TempDir
    Path data;
    JdbcTrackingStore store;

    @BeforeEach
    void open() {
        store = JdbcTrackingStore.embeddedH2(data);
        List<TrackedMessage> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(TrackedMessage.accepted("p", "acct", "order-" + i, "55" + i, "m-" + i, null, Instant.now()));
        }
        store.recordAccepted(messages);
    }

    @AfterEach
    void close() {
        store.stop();
    }

    private static DeliveryReport report(int message, DeliveryStatus status, String raw) {
        return new DeliveryReport("p", "m-" + message, null, null, null, status, raw, null, null);
    }

    private DeliveryTracker tracker() {
        return new DeliveryTracker("p", "acct", store, Clock.systemUTC());
    }

    /** Routes a batch as a consumer does: asks about a prefix, emits its news, records it, asks about the rest. */
    private static List<String> consume(DeliveryTracker tracker, List<DeliveryReport> reports) {
        List<String> emitted = new ArrayList<>();
        int at = 0;
        while (at < reports.size()) {
            List<Optional<EventLedger.Entry<DeliveryReport>>> round = tracker.newsOf(reports.subList(at,
                    reports.size()));
            List<EventLedger.Entry<DeliveryReport>> news = round.stream().flatMap(Optional::stream).toList();
            news.forEach(entry -> emitted.add(entry.event().externalId() + ":" + entry.event().rawStatus()));
            tracker.recordAll(news);
            at += round.size();
        }
        return emitted;
    }

    @Test
    void pushesAndPollsOfTheSameChangesAtOnceEmitEachChangeOnce() throws Exception {
        List<DeliveryReport> delivered = IntStream.range(0, MESSAGES)
                .mapToObj(i -> report(i, DeliveryStatus.DELIVERED, "deliver")).toList();
        Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
        int consumers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            DeliveryTracker tracker = tracker(); // a push or a poll of its own, all on one store
            int seed = c;
            done.add(threads.submit(() -> {
                List<DeliveryReport> mine = new ArrayList<>(delivered);
                Collections.shuffle(mine, new java.util.Random(seed));
                go.await();
                for (int from = 0; from < mine.size(); from += 50) { // pushes of 50 states
                    for (String change : consume(tracker, mine.subList(from, Math.min(mine.size(), from + 50)))) {
                        emitted.computeIfAbsent(change, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();

        assertEquals(MESSAGES, emitted.size(), "every change emitted");
        emitted.forEach((change, times) -> assertEquals(1, times.get(), change + " emitted " + times + " times"));
        assertEquals(List.of(), store.openMessages("p", "acct", 10), "and recorded");
        assertTrue(consume(tracker(), delivered).isEmpty(), "never news again");
    }

    @Test
    void twoReportsOfOneMessageInOneBatchAreBothEmittedInOrder() {
        List<String> emitted = consume(tracker(), List.of(report(1, DeliveryStatus.SENT, "send"),
                report(2, DeliveryStatus.DELIVERED, "deliver"), report(1, DeliveryStatus.DELIVERED, "deliver"),
                report(1, DeliveryStatus.DELIVERED, "deliver")));

        assertEquals(List.of("order-1:send", "order-2:deliver", "order-1:deliver"), emitted);
    }

    @Test
    void aChangeWhoseRouteFailedIsNewsAgain() {
        DeliveryTracker tracker = tracker();
        List<Optional<EventLedger.Entry<DeliveryReport>>> round = tracker.newsOf(List.of(
                report(3, DeliveryStatus.DELIVERED, "deliver"), report(4, DeliveryStatus.DELIVERED, "deliver")));
        tracker.recordAll(List.of(round.get(0).orElseThrow()));
        round.get(1).orElseThrow().release(); // its route failed

        assertEquals(List.of("order-4:deliver"), consume(tracker, List.of(report(3, DeliveryStatus.DELIVERED,
                "deliver"), report(4, DeliveryStatus.DELIVERED, "deliver"))));
    }

    @Test
    void aClaimedMessageIsReadAgainOnlyWhenAStatusOfItWasRecordedSinceTheLookUp() {
        long id3 = store.findByProviderMessageId("p", "acct", "m-3").orElseThrow().id();
        long id4 = store.findByProviderMessageId("p", "acct", "m-4").orElseThrow().id();
        long mark = store.statusMark();
        assertFalse(store.changedSince(id3, mark));

        assertTrue(store.updateStatus(id3, DeliveryStatus.SENT, "send", Instant.now()));

        assertTrue(store.changedSince(id3, mark), "recorded after the mark");
        assertFalse(store.changedSince(id4, mark), "another message");
        assertFalse(store.changedSince(id3, store.statusMark()), "a mark taken after it");
    }

    @Test
    void aBatchIsLookedUpByProviderIdInOneQueryAndUnknownIdsAreLeftOut() {
        Map<String, TrackedMessage> found = store.findByProviderMessageIds("p", "acct",
                List.of("m-1", "m-2", "m-unknown", "m-1"));

        assertEquals(List.of("m-1", "m-2"), found.keySet().stream().sorted().toList());
        assertEquals("order-2", found.get("m-2").externalId());
        assertTrue(store.findByProviderMessageIds("p", "other-acct", List.of("m-1")).isEmpty(), "another account's");
    }
}
