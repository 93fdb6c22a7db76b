package io.camelsms.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

import io.camelsms.app.AppBeans;
import io.camelsms.core.Json;
import io.camelsms.painel.PainelComponent;
import io.camelsms.painel.PainelConfiguration;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.testing.AppRoutes;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackedMessage;
import io.camelsms.tracking.TrackingStore;

/**
 * Goal 3 of issue 17: delivery reports at provider speed. The app's routes (routes/*.yaml, sms.provider=painel,
 * tracking on, the embedded HTTP server) receive N painel callbacks, one per tracked message, from
 * {@value #CLIENTS} concurrent callers as fast as they are answered; the figure is reports/s from the first call
 * to the last report line in outbox/dlr-*.jsonl, and the lines are checked: exactly N, each message once. Not a
 * test: run it with {@code bench/ingest.sh [reports]}.
 */
public final class ReportIngestBenchmark {

    static final int CLIENTS = 8;
    private static final String SECRET = "bench-webhook-secret";
    private static final int MESSAGES_PER_CAMPAIGN = 1_000;

    public static void main(String[] args) throws Exception {
        int reports = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 100_000;
        Path work = Files.createTempDirectory("camel-sms-ingest");
        System.out.printf(Locale.ROOT, "report ingest: %,d painel callbacks, %d callers; %d cores; heap max %d MB;"
                + " work dir %s%n", reports, CLIENTS, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, work);
        if (!Boolean.getBoolean("bench.no-warmup")) {
            run(work.resolve("warmup"), Math.min(reports, 20_000), false);
        }
        run(work.resolve("measured"), reports, true);
    }

    private static void run(Path data, int reports, boolean print) throws Exception {
        CamelContext context = new DefaultCamelContext();
        String server = PlatformHttp.addServer(context);
        Properties overrides = new Properties();
        overrides.setProperty("sms.provider", "painel");
        overrides.setProperty("sms.data-dir", data.toString());
        // the poll stays out of the way: this scenario measures the push
        overrides.setProperty("sms.dlr.cron", "0 0 0 1 1 ? 2099");
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        PainelConfiguration painel = context.getComponent("painel", PainelComponent.class).getConfiguration();
        painel.setLogin(PainelSimulator.DEFAULT_LOGIN);
        painel.setPassword(PainelSimulator.DEFAULT_PASSWORD);
        painel.setDefaultRegion("BR");
        painel.setWebhookSecret(SECRET);
        JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data.resolve("tracking"));
        painel.setTrackingStore(store);
        context.getRegistry().bind("trackingStore", TrackingStore.class, store);
        context.addService(store, true, true);
        AppBeans beans = new AppBeans();
        context.getRegistry().bind("fileToSms", beans.fileToSms("painel", "", data.toString()));
        context.getRegistry().bind("smsJson", beans.smsJson());
        AppRoutes.loadAll(context);
        AtomicInteger written = new AtomicInteger();
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent completed
                        && "painel-callback".equals(completed.getExchange().getFromRouteId())) {
                    written.incrementAndGet();
                }
            }
        });
        context.start();
        try {
            seed(store, painel.trackingAccount(), reports);
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            int failedCalls = push(server + "/sms/painel/callback/" + SECRET, reports);
            Path outbox = data.resolve("outbox");
            while (written.get() < reports && failedCalls == 0) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            List<String> lines = dlrLinesList(outbox);
            Set<String> ids = new HashSet<>();
            int twice = 0;
            for (String line : lines) {
                JsonNode report = Json.MAPPER.readTree(line);
                if (!ids.add(report.path("externalId").asText())) {
                    twice++;
                }
            }
            if (failedCalls > 0 || lines.size() != reports || twice > 0 || ids.size() != reports) {
                throw new IllegalStateException("painel push: " + reports + " callbacks, " + failedCalls
                        + " not answered 200, " + lines.size() + " report lines, " + ids.size() + " messages, "
                        + twice + " reported twice");
            }
            if (print) {
                System.out.printf(Locale.ROOT, "| painel callback push, tracking on (h2) | %,d | %.2f | %.2f | %,.0f |"
                        + " exactly %,d reports, none twice |%n", reports, seconds, cpu, reports / seconds, ids.size());
            }
        } finally {
            context.stop();
        }
    }

    /** N open messages, as painel:send records them: campaigns of 1,000, national numbers, external ids. */
    private static void seed(TrackingStore store, String account, int count) {
        Instant now = Instant.now();
        List<TrackedMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(TrackedMessage.accepted("painel", account, "ingest-" + i, number(i), null, campaign(i), now));
            if (batch.size() == 10_000) {
                store.recordAccepted(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.recordAccepted(batch);
        }
    }

    private static String campaign(int i) {
        return String.valueOf(100_000 + i / MESSAGES_PER_CAMPAIGN);
    }

    private static String number(int i) {
        return String.format(Locale.ROOT, "319%08d", i);
    }

    /** Every message's delivery callback, as the panel makes it, from CLIENTS threads; the calls not answered 200. */
    private static int push(String callbackUrl, int count) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(callers.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    String data = String.join(";", campaign(i), number(i), "", "2026-12-24 16:00:05", "sucesso", "");
                    URI uri = URI.create(callbackUrl + "?data_callback=" + URLEncoder.encode(data, StandardCharsets.UTF_8));
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        callers.shutdown();
        return failed.get();
    }

    private static List<String> dlrLinesList(Path outbox) throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("dlr-")).toList()) {
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
