package io.camelsms.sandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.core.Json;
import io.camelsms.painel.model.PainelApi;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The painel simulator over plain HTTP, as any client would see it. */
class PainelSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "&lgn=" + PainelSimulator.DEFAULT_LOGIN + "&pwd=" + PainelSimulator.DEFAULT_PASSWORD;
    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private HttpResponse<String> get(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SANDBOX.sandbox().baseUrl() + "/painel/api.ashx?" + query)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String query) throws Exception {
        return Json.MAPPER.readTree(get(query).body());
    }

    @Test
    void answersTheDocumentedShapes() throws Exception {
        assertEquals("0:OPERACAO INVALIDA", get("action=nada" + AUTH).body());
        JsonNode badLogin = json("action=getbalance&lgn=x&pwd=y");
        assertEquals(0, badLogin.get("status").asInt());
        assertEquals("falha ao realizar login", badLogin.get("msg").asText());

        JsonNode sent = json("action=sendsms" + AUTH + "&msg=Feliz%20Natal&numbers=31999999999,5531999999999");
        assertEquals(1, sent.get("status").asInt());
        assertEquals("SUCESSO", sent.get("msg").asText());
        String id = sent.get("data").asText();
        assertEquals("Feliz Natal", SANDBOX.sandbox().painel().campaign(id).msg());

        SANDBOX.sandbox().clock().advance(PainelSimulator.DELIVERY_DELAY);
        String data = json("action=getstatus" + AUTH + "&id=" + id).get("data").asText();
        String[] lines = data.split("\r\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].contains("\"sucesso\""), lines[0]);
        assertTrue(lines[1].contains("\"numero invalido\""), "a number with the country code is invalid: " + lines[1]);

        assertEquals(0, json("action=getstatus" + AUTH + "&id=" + id).get("status").asInt(), "once a minute");
        assertEquals(1, json("action=getbalance" + AUTH).get("status").asInt(), "getbalance has its own minute");
        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(60));
        assertEquals(1, json("action=getstatus" + AUTH + "&id=" + id).get("status").asInt());

        JsonNode held = json("action=holdsms" + AUTH + "&id=" + id);
        assertTrue(held.get("data").isNull());
        assertEquals("SUCESSO", held.get("msg").asText());
    }

    @Test
    void badSchedulesAndMissingCampaignsAreRefused() throws Exception {
        assertEquals(PainelSimulator.MSG_INVALID_SCHEDULE, json("action=sendsms" + AUTH
                + "&msg=x&numbers=31999999999&jobdate=2026-12-24&jobtime=16:00").get("msg").asText());
        assertEquals(PainelSimulator.MSG_NOT_FOUND, json("action=releasesms" + AUTH + "&id=9").get("msg").asText());
        assertEquals(414, get("action=sendsms" + AUTH + "&msg=" + "x".repeat(8100) + "&numbers=31999999999")
                .statusCode());
    }

    @Test
    void faultsAreAnsweredInThePanelsFormat() throws Exception {
        SANDBOX.sandbox().painel().faults().failNext(1, Fault.code("0:OPERACAO INVALIDA")).latency(Duration.ZERO);
        assertEquals("0:OPERACAO INVALIDA", get("action=getbalance" + AUTH).body());
        SANDBOX.sandbox().painel().faults().failNext(1, Fault.code("2"));
        assertEquals(2, json("action=getbalance" + AUTH).get("status").asInt());
        SANDBOX.sandbox().painel().faults().failNext(1, Fault.http(503));
        assertEquals(503, get("action=getbalance" + AUTH).statusCode());
        assertEquals(1, json("action=getbalance" + AUTH).get("status").asInt());
    }

    @Test
    void aCallbackIsMadeAfterTheRequestThatMadeItDueWasAnswered() throws Exception {
        // the client's callback endpoint answers only once the request that made the callback due has its answer
        CountDownLatch answered = new CountDownLatch(1);
        List<String> callbacks = new CopyOnWriteArrayList<>();
        HttpServer client = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        client.createContext("/cb", exchange -> {
            boolean afterTheAnswer = false;
            try {
                // bounded: a callback made on the request's thread would wait for ever otherwise
                afterTheAnswer = answered.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            callbacks.add((afterTheAnswer ? "" : "made while the request waited: ")
                    + URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        client.setExecutor(Executors.newCachedThreadPool());
        client.start();
        try {
            String callbackUrl = "http://127.0.0.1:" + client.getAddress().getPort() + "/cb";
            String id = json("action=sendsms" + AUTH + "&msg=Oi&numbers=31999999999&url_callback="
                    + URLEncoder.encode(callbackUrl, StandardCharsets.UTF_8)).get("data").asText();
            SANDBOX.sandbox().clock().advance(PainelSimulator.DELIVERY_DELAY);

            // a callback made on the request's thread would hold this answer until the client's endpoint answered
            assertEquals(1, json("action=getbalance" + AUTH).get("status").asInt());
            answered.countDown();
            SANDBOX.sandbox().painel().tick(); // returns once every callback due has been answered

            assertEquals(List.of("data_callback=" + id + ";31999999999;;" + delivered(id) + ";sucesso;"), callbacks);
            assertEquals(List.of(200), SANDBOX.sandbox().painel().pushes().stream()
                    .map(PainelSimulator.Push::status).toList());
        } finally {
            client.stop(0);
        }
    }

    @Test
    void theAutopilotsStepLeavesCallbacksToTheCallbackThreadsAndTheReplyFollowsThem() throws Exception {
        // the client's endpoint holds each call until the autopilot's step has returned
        CountDownLatch stepReturned = new CountDownLatch(1);
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch allCalls = new CountDownLatch(3);
        HttpServer client = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        client.createContext("/cb", exchange -> {
            boolean afterTheStep = false;
            try {
                // bounded: a callback made on the autopilot's thread would wait for ever otherwise
                afterTheStep = stepReturned.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String data = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            calls.add((afterTheStep ? "" : "made on the autopilot's thread: ") + data.split(";")[2]);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            allCalls.countDown();
        });
        client.setExecutor(Executors.newCachedThreadPool());
        client.start();
        PainelSimulator painel = SANDBOX.sandbox().painel().autoReply("SIM");
        try {
            String callbackUrl = URLEncoder.encode("http://127.0.0.1:" + client.getAddress().getPort() + "/cb",
                    StandardCharsets.UTF_8);
            json("action=sendsms" + AUTH + "&msg=Oi&numbers=31999999999,31988887777&url_callback=" + callbackUrl);
            SANDBOX.sandbox().clock().advance(PainelSimulator.DELIVERY_DELAY);

            painel.autopilotTick();
            stepReturned.countDown();
            while (allCalls.getCount() > 0) { // later steps: once the delivery callbacks are made, the handset answers
                Thread.sleep(10);
                painel.autopilotTick();
            }

            assertEquals(List.of("", "", "SIM"), calls.stream().sorted().toList(), calls::toString);
            assertEquals("SIM", calls.get(2), "the reply comes after the delivery callbacks");
        } finally {
            client.stop(0);
        }
    }

    @Test
    void aFinalCampaignIsForgottenAfterTheRetention() throws Exception {
        String old = json("action=sendsms" + AUTH + "&msg=Oi&numbers=31999999999").get("data").asText();
        SANDBOX.sandbox().clock().advance(PainelSimulator.DELIVERY_DELAY);
        SANDBOX.sandbox().painel().tick();
        SANDBOX.sandbox().clock().advance(PainelSimulator.RETENTION.plusMinutes(1));

        String recent = json("action=sendsms" + AUTH + "&msg=Oi&numbers=31988887777").get("data").asText();

        assertEquals(null, SANDBOX.sandbox().painel().campaign(old), "delivered more than the retention ago");
        assertEquals(PainelSimulator.MSG_NOT_FOUND, json("action=getstatus" + AUTH + "&id=" + old).get("msg").asText());
        assertEquals("aguardando envio", SANDBOX.sandbox().painel().campaign(recent).messages().get(0).status());
    }

    private static String delivered(String campaignId) {
        return PainelApi.DATA_RESPOSTA_FORMAT.format(SANDBOX.sandbox().painel().campaign(campaignId).messages().get(0)
                .deliveredAt().atZone(PainelSimulator.ZONE));
    }
}
