package io.camelsms.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.camelsms.core.Json;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's HTTP API in the sandbox, self-contained: it owns its paths, its accounts and what it
 * accepted. This base applies the {@link FaultPlan} (latency, HTTP faults, a reset after the request was
 * read, a slow reply) before {@link #serve} runs, and turns an unexpected exception into HTTP 500 so one bad request
 * never stops the sandbox.
 */
public abstract class ProviderSimulator implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderSimulator.class);

    protected final SandboxClock clock;
    private final FaultPlan faults = new FaultPlan();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final Map<String, AtomicLong> operations = new ConcurrentHashMap<>();

    protected ProviderSimulator(SandboxClock clock) {
        this.clock = clock;
    }

    /** The component scheme this simulates, e.g. {@code pwapi}. */
    public abstract String provider();

    /** Path prefixes this simulator serves, e.g. {@code /sms/v_4_00/postsms.aspx}. */
    public abstract List<String> paths();

    /**
     * Serves one request.
     *
     * @param fault a provider-code fault to answer in the provider's own format, or null to serve normally
     */
    protected abstract void serve(HttpExchange exchange, Fault fault) throws IOException;

    /**
     * Lets time act: statuses that are due move on and what changed is pushed to the client's URLs. Tests call it
     * after moving the clock; the sandbox's autopilot calls it on a timer. Nothing happens by default.
     */
    public void tick() {
        // providers without a push do everything when they are asked
    }

    /**
     * What the autopilot runs at each step, after moving the clock: {@link #tick()}, unless the simulator hands what
     * is due to threads of its own so that one provider's backlog of callbacks never holds up the clock.
     */
    protected void autopilotTick() {
        tick();
    }

    /** Stops what the simulator runs in the background (callback threads); the sandbox calls it when it stops. */
    public void close() {
        // most simulators run nothing in the background
    }

    /** Forgets accepted messages and state, and clears faults. */
    public void reset() {
        faults.clear();
        requests.set(0);
        finished.set(0);
        operations.clear();
    }

    /** Every request received, including those answered with an injected fault. */
    public long requestCount() {
        return requests.get();
    }

    /** Requests received for one operation, as {@link #operationOf} names it (e.g. a balance call). */
    public long requestCount(String operation) {
        AtomicLong count = operations.get(operation);
        return count == null ? 0 : count.get();
    }

    /** The operation a request calls: its path, unless the provider names operations otherwise. */
    protected String operationOf(HttpExchange exchange) {
        return exchange.getRequestURI().getPath();
    }

    /**
     * Every request the simulator is done with (answered, faulted or dropped). While it is below
     * {@link #requestCount()} a request is still being served, e.g. a {@link Fault#slow} one whose client gave up.
     */
    public long finishedCount() {
        return finished.get();
    }

    public FaultPlan faults() {
        return faults;
    }

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        operations.computeIfAbsent(operationOf(exchange), k -> new AtomicLong()).incrementAndGet();
        try (exchange) {
            Duration latency = faults.latency();
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            Fault fault = faults.draw();
            if (fault != null && fault.delay() != null) {
                Thread.sleep(fault.delay().toMillis());
                fault = null;
            }
            if (fault != null && fault.reset()) {
                readBody(exchange);
                // closing an exchange that sent no response headers closes its connection: no reply at all
                return;
            }
            if (fault != null && fault.isHttp()) {
                exchange.sendResponseHeaders(fault.httpStatus(), -1);
                return;
            }
            serve(exchange, fault);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{} simulator failed on {} {}", provider(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e);
            exchange.sendResponseHeaders(500, -1);
        } finally {
            finished.incrementAndGet();
        }
    }

    protected static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    protected static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    protected static void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        respond(exchange, status, "application/json; charset=utf-8", json);
    }

    /** Query parameters, decoded; the last value wins for a repeated name. */
    protected static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
