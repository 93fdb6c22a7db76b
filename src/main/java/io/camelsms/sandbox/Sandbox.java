package io.camelsms.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded simulator of the providers' HTTP APIs on one loopback port, faithful to their documents: the
 * default backend of the runnable app and the test double of the test suite. Every provider lives at its
 * documented path, so a component only needs {@code baseUrl=}{@link #baseUrl()}.
 *
 * <pre>
 * try (Sandbox sandbox = Sandbox.start()) {
 *     // camel.component.pwapi.base-url = sandbox.baseUrl()
 *     sandbox.pwapi().faults().failNext(2, Fault.code("905"));
 * }
 * </pre>
 *
 * From the command line: {@code mvn -q compile exec:java -Dexec.mainClass=io.camelsms.sandbox.Sandbox
 * -Dexec.args="--port 8089"}.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    /** Each provider is one self-contained simulator; a new provider is one line here. */
    private static final List<Function<SandboxClock, ProviderSimulator>> SIMULATORS = List.of(
            PwapiSimulator::new,
            WebcomSimulator::new,
            PainelSimulator::new,
            SmsCloudsSimulator::new,
            SmsWaySimulator::new);

    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxClock clock = new SandboxClock();
    private final Map<Class<?>, ProviderSimulator> simulators = new LinkedHashMap<>();
    private ScheduledExecutorService autopilot;

    private Sandbox(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        for (Function<SandboxClock, ProviderSimulator> factory : SIMULATORS) {
            ProviderSimulator simulator = factory.apply(clock);
            simulators.put(simulator.getClass(), simulator);
            simulator.paths().forEach(path -> server.createContext(path, simulator));
        }
        server.start();
    }

    /** Starts on a free loopback port. */
    public static Sandbox start() {
        return start(0);
    }

    public static Sandbox start(int port) {
        try {
            Sandbox sandbox = new Sandbox(port);
            LOG.info("Sandbox serving {} on {}", sandbox.simulators.values().stream().map(ProviderSimulator::provider)
                    .toList(), sandbox.baseUrl());
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the sandbox on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: the base URL every component takes. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public SandboxClock clock() {
        return clock;
    }

    public PwapiSimulator pwapi() {
        return simulator(PwapiSimulator.class);
    }

    public WebcomSimulator webcom() {
        return simulator(WebcomSimulator.class);
    }

    public PainelSimulator painel() {
        return simulator(PainelSimulator.class);
    }

    public SmsCloudsSimulator smsclouds() {
        return simulator(SmsCloudsSimulator.class);
    }

    public SmsWaySimulator smsway() {
        return simulator(SmsWaySimulator.class);
    }

    public <T extends ProviderSimulator> T simulator(Class<T> type) {
        return type.cast(simulators.get(type));
    }

    /**
     * Lets sandbox time run by itself, for demos: every {@code every} of real time the clock moves {@code step}
     * ahead and every simulator ticks (statuses move on, callbacks and pushes go out).
     */
    public synchronized Sandbox autopilot(Duration every, Duration step) {
        if (autopilot == null) {
            autopilot = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sandbox-autopilot");
                t.setDaemon(true);
                return t;
            });
            autopilot.scheduleWithFixedDelay(() -> {
                clock.advance(step);
                for (ProviderSimulator simulator : simulators.values()) {
                    try {
                        simulator.tick();
                    } catch (RuntimeException e) {
                        LOG.warn("sandbox autopilot: {} failed to tick: {}", simulator.provider(), e.toString());
                    }
                }
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Back to a fresh state: no accepted messages, no faults, the wall clock. */
    public void reset() {
        simulators.values().forEach(ProviderSimulator::reset);
        clock.reset();
    }

    @Override
    public synchronized void close() {
        if (autopilot != null) {
            autopilot.shutdownNow();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8089;
        for (int i = 0; i < args.length - 1; i++) {
            if ("--port".equals(args[i])) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        Sandbox sandbox = start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        LOG.info("Sandbox running at {}; Ctrl+C stops it", sandbox.baseUrl());
        stopped.await(Long.MAX_VALUE, TimeUnit.DAYS);
    }
}
