package io.camelsms.app.status;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.tracking.TrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chart's sampler keeps its cost to a share of one core, however large the store's count gets. */
class StatusSampleCostTest {

    @Test
    void aSlowSampleDefersTheNextOnesByTheCostFactor() throws Exception {
        AtomicLong nanos = new AtomicLong(-5_000); // System.nanoTime may be negative
        AtomicInteger counts = new AtomicInteger();
        long countTakes = 10;
        TrackingStore store = (TrackingStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TrackingStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "statusCountsByProvider" -> { }
                        case "hashCode" -> { return System.identityHashCode(proxy); }
                        case "equals" -> { return proxy == args[0]; }
                        case "toString" -> { return "a store whose count takes " + countTakes + " ns"; }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    counts.incrementAndGet();
                    nanos.addAndGet(countTakes);
                    Map<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
                    byStatus.put(DeliveryStatus.DELIVERED, 3L);
                    return Map.of("painel", byStatus);
                });
        StatusHistory history = new StatusHistory(10);
        StatusPage page = new StatusPage(new RecentFileRuns(1), history,
                Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC), nanos::get);
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("trackingStore", store);
            page.setCamelContext(context);

            long start = nanos.get();
            page.sample();
            nanos.set(start + countTakes * StatusPage.SAMPLE_COST_FACTOR - 1);
            page.sample();
            assertEquals(1, counts.get(), "skipped: the store was counted too recently for what a count costs");

            nanos.set(start + countTakes * StatusPage.SAMPLE_COST_FACTOR);
            page.sample();
            assertEquals(2, counts.get());
            assertEquals(2, history.samples().size());
            assertEquals(3L, history.samples().get(1).totals().delivered());
        }
    }
}
