package io.camelsms.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

import org.apache.camel.Service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded simulator of the providers' HTTP APIs on one loopback port, faithful to their documents: the
 * default backend of the runnable app and the test double of the test suite. Every provider lives at its
 * documented path, so a component only needs {@code baseUrl=}{@link #baseUrl()}.
 *
 * <pre>
 * try (Sandbox sandbox = Sandbox.start(0)) {
 *     // camel.component.pwapi.base-url = sandbox.baseUrl()
 *     sandbox.pwapi().faults().failNext(2, Fault.code("905"));
 * }
 * </pre>
 *
 * It is a Camel {@link Service}: {@code context.addService(sandbox)} stops it with the CamelContext. Its threads
 * are daemon threads, so a sandbox left open never keeps a JVM alive. Standalone, see {@link #main}.
 */
public final class Sandbox implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    /** The options of {@link #main}. */
    private static final List<String> OPTIONS = List.of("--port", "--autopilot", "--auto-reply", "--webcom-webhook",
            "--smsclouds-mo-webhook", "--smsclouds-keyword-webhook");

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
        startAsDaemon(server);
    }

    /**
     * The JDK server's dispatcher thread takes its daemon flag from the thread that starts it: started from a daemon
     * thread, it never keeps the JVM alive after the user's main ends.
     */
    private static void startAsDaemon(HttpServer server) {
        Thread starter = new Thread(server::start, "sandbox-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the sandbox", e);
        }
    }

    /** Starts on {@code port} of the loopback address; 0 takes a free port. */
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

    /** What the sandbox is doing, read-only (the sms dev console shows it). */
    public synchronized State state() {
        Map<String, Long> requests = new LinkedHashMap<>();
        simulators.values().forEach(simulator -> requests.put(simulator.provider(), simulator.requestCount()));
        return new State(baseUrl(), clock.instant(), autopilot != null, requests);
    }

    /**
     * @param baseUrl   where it serves
     * @param clock     sandbox time now
     * @param autopilot whether sandbox time runs by itself
     * @param requests  requests each provider's simulator received, by provider
     */
    public record State(String baseUrl, Instant clock, boolean autopilot, Map<String, Long> requests) {
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
                        simulator.autopilotTick();
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

    /** Already serving since {@link #start(int)}: nothing to do (a Camel service is started when added). */
    @Override
    public void start() {
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public synchronized void close() {
        if (autopilot != null) {
            autopilot.shutdownNow();
        }
        server.stop(0);
        executor.shutdownNow();
        simulators.values().forEach(ProviderSimulator::close);
    }

    /**
     * Runs the sandbox on its own, e.g. beside an app under development:
     * {@code java -cp camel-sms.jar:<its dependencies> io.camelsms.sandbox.Sandbox --port 8089 --autopilot}.
     * <ul>
     * <li>{@code --port N}: the loopback port (default 8089; 0 takes a free one);</li>
     * <li>{@code --autopilot}: sandbox time runs a minute per second, so statuses move on and callbacks go out;</li>
     * <li>{@code --auto-reply TEXT}: what a handset answers each painel and smsclouds campaign;</li>
     * <li>{@code --webcom-webhook URL}, {@code --smsclouds-mo-webhook URL}, {@code --smsclouds-keyword-webhook URL}:
     * where the providers whose callback URL is set in their panel push (painel takes it per send).</li>
     * </ul>
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown sandbox option " + name + "; known: " + OPTIONS);
            }
            boolean flag = "--autopilot".equals(name);
            if (!flag && i + 1 >= args.length) {
                throw new IllegalArgumentException("sandbox option " + name + " needs a value");
            }
            options.put(name, flag ? "true" : args[++i]);
        }
        Sandbox sandbox = start(Integer.parseInt(options.getOrDefault("--port", "8089")));
        Optional.ofNullable(options.get("--auto-reply")).ifPresent(text -> {
            sandbox.painel().autoReply(text);
            sandbox.smsclouds().autoReply(text);
        });
        Optional.ofNullable(options.get("--webcom-webhook")).ifPresent(url -> sandbox.webcom().webhookUrl(URI.create(url)));
        Optional.ofNullable(options.get("--smsclouds-mo-webhook")).ifPresent(sandbox.smsclouds()::moWebhook);
        Optional.ofNullable(options.get("--smsclouds-keyword-webhook")).ifPresent(sandbox.smsclouds()::keywordWebhook);
        if (options.containsKey("--autopilot")) {
            sandbox.autopilot(Duration.ofSeconds(1), Duration.ofMinutes(1));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        LOG.info("Sandbox running at {}; Ctrl+C stops it", sandbox.baseUrl());
        stopped.await(Long.MAX_VALUE, TimeUnit.DAYS);
    }
}
