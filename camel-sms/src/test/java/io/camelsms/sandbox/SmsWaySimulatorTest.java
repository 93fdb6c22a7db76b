package io.camelsms.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.core.Json;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator on its own, over raw HTTP: what any client would see. */
class SmsWaySimulatorTest {

    private static final String KEY = SmsWaySimulator.DEFAULT_TOKENAPI;
    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCookieWinsOverTheBodyKey() throws Exception {
        assertEquals(1, res("POST", "smssend", "tokenapi=" + KEY,
                "{\"tokenapi\":\"wrong\",\"recipient\":\"393801234567\",\"smstext\":\"a\"}"));
        assertEquals(-21, res("POST", "smssend", "tokenapi=wrong",
                "{\"tokenapi\":\"" + KEY + "\",\"recipient\":\"393801234567\",\"smstext\":\"a\"}"));
        assertEquals(1, res("POST", "smssend", null,
                "{\"tokenapi\":\"" + KEY + "\",\"recipient\":\"393801234567\",\"smstext\":\"a\"}"));
        assertEquals(-21, res("POST", "smssend", null, "{\"recipient\":\"393801234567\",\"smstext\":\"a\"}"));
        assertEquals(2, SANDBOX.sandbox().smsway().messages().size());
    }

    @Test
    void malformedRequestsAnswerTheGenericError() throws Exception {
        assertEquals(-4, res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"+39 380\",\"smstext\":\"a\"}"));
        assertEquals(-4, res("POST", "smssend", "tokenapi=" + KEY, "not json"));
        assertEquals(-4, res("POST", "updateuserinfo", "tokenapi=" + KEY, "{\"maxmin\":\"ten\"}"));
        assertEquals(405, send("GET", "smssend", "tokenapi=" + KEY, "").statusCode());
    }

    @Test
    void lineBreaksOtherThanTheDocumentsCrLfAreRefused() throws Exception {
        assertEquals(-4, res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"39380\",\"smstext\":\"a\\nb\"}"));
        assertEquals(-4, res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"39380\",\"smstext\":\"a\\rb\"}"));
        assertEquals(1, res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"39380\",\"smstext\":\"a\\r\\nb\"}"));
        assertEquals(List.of("a\r\nb"), SANDBOX.sandbox().smsway().messages().stream()
                .map(SmsWaySimulator.Message::smstext).toList());
    }

    @Test
    void quotaOverflowIsAnsweredOneAndCancelledAndTheWindowSlidesWithTheClock() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        SANDBOX.sandbox().smsway().quotas(2, 0, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"39380\",\"smstext\":\"m\"}"));
        }
        assertEquals(1, SANDBOX.sandbox().smsway().cancelledCount());
        assertEquals(9, SANDBOX.sandbox().smsway().messages().get(2).state());
        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(61));
        assertEquals(1, res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"39380\",\"smstext\":\"m\"}"));
        assertEquals(1, SANDBOX.sandbox().smsway().cancelledCount());
    }

    @Test
    void smsgetlastCapsQtyAtOneHundredAndListsLatestFirst() throws Exception {
        for (int i = 0; i < 105; i++) {
            res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"39380\",\"smstext\":\"m" + i + "\"}");
        }
        JsonNode reply = Json.MAPPER.readTree(send("GET", "smsgetlast", "tokenapi=" + KEY, "{\"qty\":500}").body());
        assertEquals(1, reply.get("res").asInt());
        assertEquals(100, reply.get("smslist").size());
        assertEquals("m104", reply.get("smslist").get(0).get("smstext").asText());
        assertEquals(true, reply.get("smslist").get(0).get("tsdelivered").isNull());
        JsonNode defaults = Json.MAPPER.readTree(send("GET", "smsgetlast", "tokenapi=" + KEY, "").body());
        assertEquals(10, defaults.get("smslist").size());
    }

    @Test
    void aMessageIsForgottenOnceOlderThanTheLongestQuotaWindow() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"39380\",\"smstext\":\"old\"}");
        SANDBOX.sandbox().clock().advance(SmsWaySimulator.RETENTION.plusSeconds(1));

        res("POST", "smssend", "tokenapi=" + KEY, "{\"recipient\":\"39380\",\"smstext\":\"recent\"}");

        JsonNode reply = Json.MAPPER.readTree(send("GET", "smsgetlast", "tokenapi=" + KEY, "{\"qty\":100}").body());
        assertEquals(List.of("recent"), SANDBOX.sandbox().smsway().messages().stream()
                .map(SmsWaySimulator.Message::smstext).toList());
        assertEquals(1, reply.get("smslist").size());
    }

    @Test
    void anInjectedCodeIsAnsweredInTheProvidersFormat() throws Exception {
        SANDBOX.sandbox().smsway().faults().failNext(1, Fault.code("-24"));
        assertEquals(-24, res("GET", "userinfo", "tokenapi=" + KEY, ""));
        assertEquals(1, res("GET", "userinfo", "tokenapi=" + KEY, ""));
    }

    private int res(String method, String call, String cookie, String body) throws Exception {
        HttpResponse<String> reply = send(method, call, cookie, body);
        JsonNode json = Json.MAPPER.readTree(reply.body());
        return json.isObject() ? json.get("res").asInt() : json.asInt();
    }

    private HttpResponse<String> send(String method, String call, String cookie, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SANDBOX.sandbox().baseUrl() + "/remote/" + call))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
