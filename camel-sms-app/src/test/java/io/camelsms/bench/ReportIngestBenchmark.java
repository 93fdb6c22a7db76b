package io.camelsms.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import io.camelsms.app.AppBeans;
import io.camelsms.core.Json;
import io.camelsms.painel.PainelComponent;
import io.camelsms.painel.PainelConfiguration;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.smsclouds.SmscloudsComponent;
import io.camelsms.smsclouds.SmscloudsConfiguration;
import io.camelsms.smsclouds.model.ResponsesRequest;
import io.camelsms.webcom.WebcomComponent;
import io.camelsms.webcom.WebcomConfiguration;
import io.camelsms.testing.AppRoutes;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackedMessage;
import io.camelsms.tracking.TrackingStore;

/**
 * Goal 3 of issue 17: delivery reports at provider speed, with the app's routes (routes/*.yaml, tracking on, embedded
 * H2, the embedded HTTP server) and N tracked open messages, one report each:
 * <ul>
 * <li>{@code painel-push}: N painel callbacks (one report a call, as the panel makes them) from {@value #CLIENTS}
 * concurrent callers;</li>
 * <li>{@code webcom-push}: webcom status pushes of {@value #WEBCOM_PUSH_BATCH} states a body (the batch the
 * platform sends), from {@value #CLIENTS} concurrent callers; every id must come back acknowledged;</li>
 * <li>{@code webcom-poll}: the real {@code webcom:dlr?dlrMode=poll} consumer (delay 1 ms, greedy) asking a stub
 * state.php, which answers "deliver" for every id it is asked about: webcom documents no limit on status queries,
 * where painel's getstatus is once a minute per account.</li>
 * <li>{@code smsclouds-push}: N MO pushes (one reply a GET, {@code response}, {@code cellphone}, {@code message_id},
 * {@code date}: smsclouds pushes replies, not delivery reports) from {@value #CLIENTS} concurrent callers. The
 * push names no campaign and the store knows an smsclouds message by campaign and cellphone (a send's reply gives no
 * message ids), so each MO costs the app one {@code POST /api/v3/responses} by message id, answered by a stub with
 * the campaign and cellphone; against the real platform that call's latency, not the app, sets the pace.</li>
 * </ul>
 * The figure is reports/s from the first call (or poll) to the last report routed; CPU is the process's, and the
 * provider's side (the callers' threads and a stub's, which share the JVM) is subtracted as far as it can be measured; the status commits are
 * the store's transactions recording the reports (a group commit shares one among concurrent reports). The report lines in
 * outbox/dlr-*.jsonl are checked: exactly N, each message once. Not a test: run it with
 * {@code bench/ingest.sh [reports] [scenario...]}.
 */
public final class ReportIngestBenchmark {

    static final int CLIENTS = 8;
    static final int WEBCOM_PUSH_BATCH = 1_000;
    private static final String SECRET = "bench-webhook-secret";
    private static final int MESSAGES_PER_CAMPAIGN = 1_000;
    private static final List<String> SCENARIOS = List.of("painel-push", "webcom-push", "webcom-poll",
            "smsclouds-push");
    /** The document's path of the MO query (POST /api/v3/responses). */
    private static final String SMSCLOUDS_RESPONSES_PATH = "/api/v3/responses";
    /** The message ids the smsclouds MO pushes carry: message i is MO_MESSAGE_IDS + i. */
    private static final long MO_MESSAGE_IDS = 90_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String STUB_THREADS = "provider-stub";
    /** Threads of the provider's side in this JVM, by name: the callers' HTTP client, a stub's server. */
    private static final List<String> PROVIDER_THREADS = List.of("HttpClient-", "HTTP-Dispatcher", STUB_THREADS);

    public static void main(String[] args) throws Exception {
        int reports = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 20_000;
        List<String> scenarios = args.length > 1 ? List.of(args).subList(1, args.length) : SCENARIOS;
        Path work = Files.createTempDirectory("camel-sms-ingest");
        System.out.printf(Locale.ROOT, "report ingest: %,d reports a scenario, %s, %d callers; %d cores; heap max %d MB;"
                + " work dir %s%n", reports, scenarios, CLIENTS, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, work);
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario " + scenario + "; one of " + SCENARIOS);
            }
            if (!Boolean.getBoolean("bench.no-warmup")) {
                run(scenario, work.resolve(scenario + "-warmup"), Math.min(reports, 10_000), false);
            }
            run(scenario, work.resolve(scenario), reports, true);
        }
    }

    private static void run(String scenario, Path data, int reports, boolean print) throws Exception {
        String provider = scenario.substring(0, scenario.indexOf('-'));
        CamelContext context = new DefaultCamelContext();
        String server = PlatformHttp.addServer(context);
        Properties overrides = new Properties();
        overrides.setProperty("sms.provider", provider);
        overrides.setProperty("sms.data-dir", data.toString());
        // the app's scheduled poll stays out of the way: push scenarios measure the push, the poll scenario polls
        // with a route of its own
        overrides.setProperty("sms.dlr.cron", "0 0 0 1 1 ? 2099");
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data.resolve("tracking"));
        context.getRegistry().bind("trackingStore", TrackingStore.class, store);
        context.addService(store, true, true);
        String account = configure(context, provider, store);
        JsonStub stub = null;
        if (scenario.equals("webcom-poll")) {
            stub = new JsonStub("/json/state.php", ReportIngestBenchmark::deliverEveryId);
            context.getComponent("webcom", WebcomComponent.class).getConfiguration().setBaseUrl(stub.url());
        } else if (scenario.equals("smsclouds-push")) {
            stub = new JsonStub(SMSCLOUDS_RESPONSES_PATH, ReportIngestBenchmark::responsesByMessageId);
            context.getComponent("smsclouds", SmscloudsComponent.class).getConfiguration().setBaseUrl(stub.url());
        }
        AppBeans beans = new AppBeans();
        context.getRegistry().bind("fileToSms", beans.fileToSms(provider, "", data.toString()));
        context.getRegistry().bind("smsJson", beans.smsJson());
        AppRoutes.loadAll(context);
        if (scenario.equals("webcom-poll")) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("webcom:dlr?dlrMode=poll&delay=1&greedy=true").routeId("bench-poll").autoStartup(false)
                            .to("direct:delivery-report");
                }
            });
        }
        AtomicInteger routed = new AtomicInteger();
        Set<String> reportRoutes = Set.of("painel-callback", "delivery-status", "bench-poll", "smsclouds-inbound");
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent completed
                        && completed.getExchange().getFromRouteId() != null
                        && reportRoutes.contains(completed.getExchange().getFromRouteId())) {
                    routed.incrementAndGet();
                }
            }
        });
        context.start();
        try {
            seed(store, provider, account, reports);
            long commitsStart = store.statusMark();
            long seededBytes = StoreFile.bytes(data);
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            Callers callers = new Callers();
            int failedCalls = switch (scenario) {
                case "painel-push" -> callers.painel(server + "/sms/painel/callback/" + SECRET, reports);
                case "webcom-push" -> callers.webcom(server + "/sms/webcom/dlr/" + SECRET, reports);
                case "smsclouds-push" -> callers.smsclouds(server + "/sms/smsclouds/inbound/" + SECRET, reports);
                default -> {
                    context.getRouteController().startRoute("bench-poll");
                    yield 0;
                }
            };
            while (routed.get() < reports && failedCalls == 0) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            double providerCpu = callers.cpuNanos() / 1e9;
            long commits = store.statusMark() - commitsStart;
            if (scenario.equals("webcom-poll")) {
                context.getRouteController().stopRoute("bench-poll");
            }
            // delivery reports are dlr lines, replies inbound lines (an MO the app could not tie to its message would
            // be an unsolicited line, and missing here)
            List<String> lines = outboxLines(data.resolve("outbox"), provider.equals("smsclouds") ? "inbound-" : "dlr-");
            Set<String> ids = new HashSet<>();
            int twice = 0;
            for (String line : lines) {
                JsonNode report = Json.MAPPER.readTree(line);
                if (!ids.add(report.path("externalId").asText())) {
                    twice++;
                }
            }
            if (failedCalls > 0 || lines.size() != reports || twice > 0 || ids.size() != reports) {
                throw new IllegalStateException(scenario + ": " + reports + " reports, " + failedCalls
                        + " calls not answered 200 (or not acknowledging every id), " + lines.size()
                        + " report lines, " + ids.size() + " messages, " + twice + " reported twice");
            }
            if (print) {
                long fileBytes = StoreFile.bytes(data);
                System.out.printf(Locale.ROOT, "| %s, tracking on (h2) | %,d | %.2f | %.2f | %.2f | %,.0f | %s |"
                        + " exactly %,d reports, none twice | %,.1f MB (%,.1f after the seed) | %,.0f | %s |%n",
                        scenario, reports, seconds, cpu, cpu - providerCpu, reports / seconds,
                        commits == 0 ? "none (replies)"
                                : String.format(Locale.ROOT, "%,d (%.1f reports each)", commits,
                                        (double) reports / commits), ids.size(),
                        fileBytes / 1e6, seededBytes / 1e6, (fileBytes - seededBytes) * 100_000.0 / reports,
                        StoreFile.info(data));
            }
        } finally {
            context.stop();
            if (stub != null) {
                stub.stop();
            }
        }
    }

    /** The provider's component as the app configures it, with the benchmark's webhook secret; its account. */
    private static String configure(CamelContext context, String provider, TrackingStore store) {
        if (provider.equals("smsclouds")) {
            SmscloudsConfiguration smsclouds = context.getComponent("smsclouds", SmscloudsComponent.class)
                    .getConfiguration();
            smsclouds.setToken(SmsCloudsSimulator.DEFAULT_TOKEN);
            smsclouds.setWebhookSecret(SECRET);
            smsclouds.setTrackingStore(store);
            return smsclouds.trackingAccount();
        }
        if (provider.equals("painel")) {
            PainelConfiguration painel = context.getComponent("painel", PainelComponent.class).getConfiguration();
            painel.setLogin(PainelSimulator.DEFAULT_LOGIN);
            painel.setPassword(PainelSimulator.DEFAULT_PASSWORD);
            painel.setDefaultRegion("BR");
            painel.setWebhookSecret(SECRET);
            painel.setTrackingStore(store);
            return painel.trackingAccount();
        }
        WebcomConfiguration webcom = context.getComponent("webcom", WebcomComponent.class).getConfiguration();
        webcom.setLogin(WebcomSimulator.DEFAULT_LOGIN);
        webcom.setPassword(WebcomSimulator.DEFAULT_PASSWORD);
        webcom.setWebhookSecret(SECRET);
        webcom.setTrackingStore(store);
        return webcom.trackingAccount();
    }

    /**
     * N open messages, as painel:send (campaigns of 1,000, national numbers), webcom:send (an id_sms each) or
     * smsclouds:send (campaigns of 1,000, the cellphone, no message id) record them.
     */
    private static void seed(TrackingStore store, String provider, String account, int count) {
        Instant now = Instant.now();
        List<TrackedMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(switch (provider) {
                case "painel" -> TrackedMessage.accepted("painel", account, "ingest-" + i, number(i), null,
                        campaign(i), now);
                case "smsclouds" -> TrackedMessage.accepted("smsclouds", account, "ingest-" + i, cellphone(i), null,
                        campaign(i), now);
                default -> TrackedMessage.accepted("webcom", account, "ingest-" + i, "7" + number(i), idSms(i), null,
                        now);
            });
            if (batch.size() == 10_000) {
                store.recordAccepted(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.recordAccepted(batch);
        }
        // the store's expander moves the accepted batches into per-message rows after the send, and the first read
        // waits for it: that is the send's cost, not the reports', so it is done before the clock starts
        store.findByProviderMessageId(provider, account, "none");
    }

    private static String campaign(int i) {
        return String.valueOf(100_000 + i / MESSAGES_PER_CAMPAIGN);
    }

    private static String number(int i) {
        return String.format(Locale.ROOT, "319%08d", i);
    }

    private static String idSms(int i) {
        return String.valueOf(80_000_000L + i);
    }

    /** A Mexican cellphone as smsclouds takes it (10 national digits). */
    private static String cellphone(int i) {
        return String.format(Locale.ROOT, "55%08d", i);
    }

    /** The provider's side of the pushes: CLIENTS threads, each calling as fast as it is answered. */
    private static final class Callers {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final AtomicLong cpu = new AtomicLong();
        /**
         * The provider's threads' CPU when these callers began: an earlier scenario's HTTP client threads live on
         * for a minute, and their CPU from before is not this scenario's.
         */
        private final Map<Long, Long> providerCpuBefore = providerThreadsCpu();

        /** Every message's delivery callback, as the panel makes it; the calls not answered 200. */
        int painel(String callbackUrl, int count) throws Exception {
            return calls(count, i -> {
                String data = String.join(";", campaign(i), number(i), "", "2026-12-24 16:00:05", "sucesso", "");
                URI uri = URI.create(callbackUrl + "?data_callback=" + URLEncoder.encode(data, StandardCharsets.UTF_8));
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            });
        }

        /** A reply to every message, one MO a call as the platform pushes them; the calls not answered "ok". */
        int smsclouds(String inboundUrl, int count) throws Exception {
            return calls(count, i -> {
                String query = "response=" + URLEncoder.encode("SIM " + i, StandardCharsets.UTF_8) + "&cellphone="
                        + cellphone(i) + "&message_id=" + (MO_MESSAGE_IDS + i) + "&date="
                        + URLEncoder.encode("2026-12-24 16:00:05", StandardCharsets.UTF_8);
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(inboundUrl + "?"
                        + query)).GET().build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().equals("ok");
            });
        }

        /** Every message's final state, WEBCOM_PUSH_BATCH a body; the pushes not answered 200 with every id. */
        int webcom(String url, int count) throws Exception {
            return calls((count + WEBCOM_PUSH_BATCH - 1) / WEBCOM_PUSH_BATCH, b -> {
                StringBuilder body = new StringBuilder("[");
                int from = b * WEBCOM_PUSH_BATCH;
                int to = Math.min(count, from + WEBCOM_PUSH_BATCH);
                for (int i = from; i < to; i++) {
                    body.append(i > from ? "," : "").append("{\"id_sms\":\"").append(idSms(i))
                            .append("\",\"time\":\"2026-12-24 16:00:05\",\"state\":\"deliver\"}");
                }
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && Json.MAPPER.readTree(response.body()).size() == to - from;
            });
        }

        private int calls(int count, Call call) throws Exception {
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(pool.submit(() -> {
                    long began = THREADS.getCurrentThreadCpuTime();
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        if (!call.made(i)) {
                            failed.incrementAndGet();
                        }
                    }
                    cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - began);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            return failed.get();
        }

        /**
         * CPU of the provider's side: the calling threads, the HTTP client's selector thread, and a provider stub's
         * threads (JDK HttpServer's dispatcher and its handlers).
         */
        long cpuNanos() {
            long provider = 0;
            for (Map.Entry<Long, Long> thread : providerThreadsCpu().entrySet()) {
                provider += thread.getValue() - providerCpuBefore.getOrDefault(thread.getKey(), 0L);
            }
            return cpu.get() + provider;
        }

        private static Map<Long, Long> providerThreadsCpu() {
            Map<Long, Long> cpuByThread = new HashMap<>();
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info != null && PROVIDER_THREADS.stream().anyMatch(info.getThreadName()::startsWith)) {
                    cpuByThread.put(info.getThreadId(), Math.max(0, THREADS.getThreadCpuTime(info.getThreadId())));
                }
            }
            return cpuByThread;
        }
    }

    @FunctionalInterface
    private interface Call {
        boolean made(int index) throws Exception;
    }

    /** webcom's state.php: "deliver" for every id asked about (the ids as one value or a list). */
    private static JsonNode deliverEveryId(JsonNode request) {
        JsonNode ids = request.path("id_sms");
        ArrayNode states = Json.MAPPER.createArrayNode();
        for (JsonNode id : ids.isArray() ? ids : Json.MAPPER.createArrayNode().add(ids)) {
            states.addObject().put("id_sms", id.asText()).put("time_change_state", "2026-12-24 16:00:05")
                    .put("state", "deliver");
        }
        return states;
    }

    /** smsclouds' responses by message id (type 2): each MO with its campaign and cellphone, as the seed has them. */
    private static JsonNode responsesByMessageId(JsonNode request) {
        ObjectNode answer = Json.MAPPER.createObjectNode().put("message", "Completado Correctamente")
                .put("type", request.path("type").asText());
        ArrayNode results = answer.putArray("results");
        for (JsonNode id : request.path(ResponsesRequest.MESSAGES_FIELD)) {
            int i = (int) (id.asLong() - MO_MESSAGE_IDS);
            results.addObject().put("received_id", id.asLong()).put("campaign_id", Long.parseLong(campaign(i)))
                    .put("message_id", id.asLong()).put("cellphone", cellphone(i)).put("response", "SIM " + i)
                    .put("sent_at", "2026-12-24 16:00:00").put("received_at", "2026-12-24 16:00:05");
        }
        return answer;
    }

    /** A provider endpoint answering each JSON request body with {@code answer}'s JSON. */
    private static final class JsonStub {
        private final HttpServer server;

        JsonStub(String path, Function<JsonNode, JsonNode> answer) throws IOException {
            // the JDK server writes a reply's headers and body apart: with Nagle's algorithm on, the body waits for
            // the client's delayed ACK (40 ms a call), which would be the stub's latency, not the app's cost
            System.setProperty("sun.net.httpserver.nodelay", "true");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(path, exchange -> {
                byte[] body = Json.MAPPER.writeValueAsBytes(answer.apply(Json.MAPPER.readTree(exchange.getRequestBody())));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(CLIENTS, work -> new Thread(work, STUB_THREADS)));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdown();
        }
    }

    /** The non-blank lines of the outbox files whose names start with {@code prefix}. */
    private static List<String> outboxLines(Path outbox, String prefix) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                lines.addAll(Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList());
            }
        }
        return lines;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
