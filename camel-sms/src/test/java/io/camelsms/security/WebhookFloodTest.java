package io.camelsms.security;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SmsHeaders;
import io.camelsms.smsclouds.SmscloudsComponent;
import io.camelsms.testing.PlatformHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forged and valid MO pushes interleaved from 16 clients over loopback: every forged one refused (401) and routed
 * never, every valid one answered ok and routed exactly once, and the heap after a GC about where it started. The
 * size is bounded for CI ({@code -Dflood.calls=20000} for the full size: 20,000 of each).
 */
class WebhookFloodTest extends CamelTestSupport {

    private static final String SECRET = "flood-s3cr3t";
    private static final int CLIENTS = 16;
    private static final int CALLS = Integer.getInteger("flood.calls", 2_000);
    /** Generous: what 2 x CALLS small calls could leave behind if something kept them, is far more. */
    private static final long HEAP_GROWTH_LIMIT = 48L * 1024 * 1024;

    private final Map<String, AtomicInteger> routed = new ConcurrentHashMap<>();
    private String baseUrl;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        baseUrl = PlatformHttp.addServer(context);
        context.getComponent("smsclouds", SmscloudsComponent.class).getConfiguration().setToken("flood");
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("smsclouds:inbound?tracking=false&webhookSecret=" + SECRET).process(e -> routed.computeIfAbsent(
                        e.getMessage().getHeader(SmsHeaders.PROVIDER_MESSAGE_ID, String.class),
                        id -> new AtomicInteger()).incrementAndGet());
            }
        };
    }

    @Test
    void forgedCallsAreAllRefusedValidOnesRoutedOnceAndTheHeapStaysFlat() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        send(http, 0, 200); // warm-up: the server, the route and the client, before the heap is measured
        routed.clear();
        long before = usedHeapAfterGc();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger forgedRefused = new AtomicInteger();
        AtomicInteger validOk = new AtomicInteger();
        List<String> unexpected = new ArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int first = client;
                done.add(clients.submit(() -> {
                    for (int i = first; i < CALLS; i += CLIENTS) {
                        int forged = call(http, forgedUrl(i));
                        int valid = call(http, validUrl(1_000_000 + i));
                        if (forged == 401) {
                            forgedRefused.incrementAndGet();
                        }
                        if (valid == 200) {
                            validOk.incrementAndGet();
                        }
                        if (forged != 401 || valid != 200) {
                            synchronized (unexpected) {
                                unexpected.add(i + ": forged " + forged + ", valid " + valid);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        long after = usedHeapAfterGc();
        System.out.printf("webhook flood: %d forged and %d valid calls from %d clients; heap after GC %d KiB -> %d KiB%n",
                CALLS, CALLS, CLIENTS, before / 1024, after / 1024);

        assertEquals(List.of(), unexpected.stream().limit(5).toList());
        assertEquals(CALLS, forgedRefused.get());
        assertEquals(CALLS, validOk.get());
        assertEquals(CALLS, routed.size(), "every valid MO routed");
        assertTrue(routed.values().stream().allMatch(count -> count.get() == 1), "each exactly once");
        assertTrue(routed.keySet().stream().noneMatch(id -> id.startsWith("9")), "no forged MO routed");
        assertTrue(after - before < HEAP_GROWTH_LIMIT,
                () -> "heap after GC grew from " + before / 1024 + " KiB to " + after / 1024 + " KiB");
    }

    private void send(HttpClient http, int from, int count) {
        for (int i = from; i < from + count; i++) {
            call(http, validUrl(i));
        }
    }

    /** A forged MO: the right format, any number, no or a wrong secret; message ids start with 9. */
    private String forgedUrl(int i) {
        String secret = switch (i % 3) {
            case 0 -> "";
            case 1 -> "/" + SECRET.substring(1);
            default -> "?secret=guess" + i;
        };
        String query = "cellphone=55" + (10_000_000 + i) + "&response=NAO&message_id=9" + i
                       + "&date=2026-12-01%2018:00:00";
        return baseUrl + "/sms/smsclouds/inbound" + secret + (secret.startsWith("?") ? "&" : "?") + query;
    }

    private String validUrl(int i) {
        return baseUrl + "/sms/smsclouds/inbound/" + SECRET + "?cellphone=4498" + (100_000 + i % 100_000)
               + "&response=SI&message_id=" + i + "&date=2026-12-01%2018:00:00";
    }

    private static int call(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
