package io.camelsms.app;

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
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.Json;
import io.camelsms.painel.PainelComponent;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.testing.AppRoutes;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * routes/ as the app runs them with sms.provider=painel: a file is sent, the sandbox calls back with delivery
 * updates and a reply, and both land in outbox/*.jsonl and at the forward URL; what the forward refuses ends in
 * the dead-letter file.
 */
class ReportsAndRepliesRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TempDir
    Path data;
    private HttpServer downstream;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        downstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        downstream.createContext("/reports", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean refuse = body.contains("\"text\":\"REFUSE ME\""); // the downstream refuses this one
            if (!refuse) {
                forwarded.add(body);
            }
            exchange.sendResponseHeaders(refuse ? 500 : 204, -1);
            exchange.close();
        });
        downstream.start();

        CamelContext context = super.createCamelContext();
        String server = PlatformHttp.addServer(context);
        Properties overrides = new Properties();
        overrides.setProperty("sms.provider", "painel");
        overrides.setProperty("sms.data-dir", data.toString());
        overrides.setProperty("sms.inbox.read-lock-interval", "100");
        overrides.setProperty("sms.dlr.cron", "0/1 * * * * ?");
        overrides.setProperty("sms.forward.url", "http://127.0.0.1:" + downstream.getAddress().getPort() + "/reports");
        overrides.setProperty("sms.forward.retries", "1");
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);

        PainelComponent painel = context.getComponent("painel", PainelComponent.class);
        painel.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        painel.getConfiguration().setLogin(PainelSimulator.DEFAULT_LOGIN);
        painel.getConfiguration().setPassword(PainelSimulator.DEFAULT_PASSWORD);
        painel.getConfiguration().setDefaultRegion("BR");
        painel.getConfiguration().setCallbackUrl(server + "/sms/painel/callback");
        painel.getConfiguration().setWebhookSecret("app-s3cr3t"); // as SmsApplication sets its generated one
        JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data.resolve("tracking"));
        painel.getConfiguration().setTrackingStore(store);
        context.getRegistry().bind("trackingStore", TrackingStore.class, store);
        context.addService(store, true, true); // as SmsApplication does: stopped with the context, after its routes
        AppBeans beans = new AppBeans();
        context.getRegistry().bind("fileToSms", beans.fileToSms("painel", "", data.toString()));
        context.getRegistry().bind("smsJson", beans.smsJson());
        return context;
    }

    @AfterEach
    void stopDownstream() {
        downstream.stop(0);
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void deliveryUpdatesAndARepliesReachTheOutboxAndTheForwardUrlWithTheCallersIds() throws Exception {
        AppRoutes.loadAll(context);
        context.start();
        assertTrue(context.getRouteController().getRouteStatus("painel-callback").isStarted());
        assertTrue(context.getRoute("smsclouds-inbound") == null, "routes of other providers are left out");

        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Files.writeString(inbox.resolve("c.part"), "phone,text,external_id\n+5521988887777,Oi,cust-1\n"
                + "+5511912345678,Oi,cust-2\n", StandardCharsets.UTF_8);
        Files.move(inbox.resolve("c.part"), inbox.resolve("c.csv"));
        await(() -> Files.exists(data.resolve("done/c.csv")), () -> "c.csv not sent");
        String campaign = Files.readAllLines(data.resolve("outbox/c.csv.results.csv")).get(1).split(",")[5];

        PainelSimulator painel = SANDBOX.sandbox().painel();
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(10));
        painel.tick(); // the sandbox calls painel:callback with the campaign's delivery updates
        painel.reply(campaign, "21988887777", "SIM");
        painel.reply(campaign, "11912345678", "REFUSE ME");

        Path today = data.resolve("outbox");
        await(() -> lines(today, "inbound-").size() == 2 && lines(today, "dlr-").size() >= 2,
                () -> "inbound " + lines(today, "inbound-") + ", dlr " + lines(today, "dlr-") + ", pushes "
                      + painel.pushes());
        List<JsonNode> reports = lines(today, "dlr-");
        assertTrue(reports.stream().allMatch(r -> r.get("externalId").asText().startsWith("cust-")), reports.toString());
        assertTrue(reports.stream().anyMatch(r -> "DELIVERED".equals(r.get("status").asText())), reports.toString());
        JsonNode reply = lines(today, "inbound-").stream().filter(r -> "SIM".equals(r.get("text").asText()))
                .findFirst().orElseThrow();
        assertEquals("cust-1", reply.get("externalId").asText(), "the reply knows which customer answered");
        assertEquals(campaign, reply.get("campaignId").asText());

        await(() -> lines(today, "forward-dead-").size() == 1, () -> "dead letters " + lines(today, "forward-dead-"));
        assertEquals("REFUSE ME", lines(today, "forward-dead-").get(0).get("text").asText());
        assertTrue(forwarded.stream().anyMatch(f -> f.contains("\"text\":\"SIM\"")));
        assertEquals(lines(today, "dlr-").size() + 1, forwarded.size(), "every report and the accepted reply");

        // an authenticated callback with a reply from a number the campaign was not sent to: kept apart, not forwarded
        String data = campaign + ";21900000001;NAO, cancelem minha conta;2026-12-01 18:00:00;;";
        int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(painel.campaign(campaign)
                .urlCallback() + "?data_callback=" + URLEncoder.encode(data, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertEquals(200, status);
        await(() -> lines(today, "unsolicited-").size() == 1, () -> "unsolicited " + lines(today, "unsolicited-"));
        assertEquals("NAO, cancelem minha conta", lines(today, "unsolicited-").get(0).get("text").asText());
        assertEquals(2, lines(today, "inbound-").size(), "not taken as a customer's answer");
        assertTrue(forwarded.stream().noneMatch(f -> f.contains("cancelem")), "not forwarded");
    }

    private static List<JsonNode> lines(Path outbox, String prefix) {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(l -> !l.isBlank()).map(l -> {
                try {
                    return Json.MAPPER.readTree(l);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "not within 30 s: " + state.get());
            Thread.sleep(50);
        }
    }
}
