package io.camelsms.sandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.core.Json;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The webcom simulator as raw HTTP sees it, including requests the component never sends. */
class WebcomSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH = "\"login\":\"sandbox\",\"password\":\"sandbox-password\"";
    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SANDBOX.sandbox().baseUrl() + path))
                .header("Content-type", "text/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String send(String sender, String text, String phones) {
        return "{" + AUTH + ",\"message\":[{\"type_send_1\":\"sms\",\"sender\":" + sender + ",\"text\":" + text
               + ",\"phones\":" + phones + "}]}";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|200|POST data is missing",
        "not json|200|Incorrect JSON document format",
        "{\"login\":\"sandbox\",\"password\":\"wrong\",\"message\":[]}|200|Incorrect login or password",
        "{\"login\":\"sandbox\",\"password\":\"sandbox-password\"}|200|Incorrect JSON document format"})
    void requestLevelErrorsComeWithTheDocumentedTextAndStatus(String body, int status, String error) throws Exception {
        HttpResponse<String> response = post("/json", body == null ? "" : body);
        assertEquals(status, response.statusCode());
        assertEquals(error, Json.MAPPER.readTree(response.body()).get("error").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"\"|\"hi\"|No sender",
        "\"ABCDEFGHIJKL\"|\"hi\"|The sender must not exceed 15 characters for numeric numbers and 11 characters for alphanumeric numbers",
        "\"1234567890123456\"|\"hi\"|The sender must not exceed 15 characters for numeric numbers and 11 characters for alphanumeric numbers",
        "\"Shop\"|\"\"|No message text"})
    void contentErrorsRefuseTheWholeRequestWith400(String sender, String text, String error) throws Exception {
        HttpResponse<String> response = post("/json", send(sender, text, "[{\"phone\":\"79612242243\"}]"));
        assertEquals(400, response.statusCode());
        assertEquals(error, Json.MAPPER.readTree(response.body()).get("error").asText());
        assertEquals(0, SANDBOX.sandbox().webcom().accepted().size());
    }

    @ParameterizedTest
    @CsvSource({"flash", "wap", "SMS"})
    void aTypeSendTheDocumentDoesNotDefineIsRefused(String type) throws Exception {
        String body = send("\"Shop\"", "\"hi\"", "[{\"phone\":\"79612242243\"}]")
                .replace("\"type_send_1\":\"sms\"", "\"type_send_1\":\"" + type + "\"");

        HttpResponse<String> response = post("/json", body);

        assertEquals(200, response.statusCode());
        assertEquals("Incorrect JSON document format", Json.MAPPER.readTree(response.body()).get("error").asText());
        assertEquals(0, SANDBOX.sandbox().webcom().accepted().size());
    }

    @Test
    void phoneErrorsArePerPhoneAndARepeatedClientIdIsNotSentAgain() throws Exception {
        String body = send("\"Shop\"", "\"hi\"", "[{\"phone\":\"79612242243\",\"client_id_sms\":\"101\"},"
                + "{\"phone\":\"\"},{\"phone\":\"796122422431234\"},{\"phone\":\"79612242244\",\"client_id_sms\":\"101\"}]");

        JsonNode information = Json.MAPPER.readTree(post("/json", body).body()).get("information");

        assertEquals("send", information.get(0).get("state").asText());
        assertEquals("Specify phone number", information.get(1).get("error").asText());
        assertEquals("Phone number must be less than 15 characters", information.get(2).get("error").asText());
        assertEquals(information.get(0).get("id_sms"), information.get(3).get("id_sms"), "same client_id_sms");
        assertEquals(1, SANDBOX.sandbox().webcom().accepted().size());
    }

    @Test
    void aLargePushGoesInBodiesOfAThousandStatesOldestFirstEachAcknowledgedOnce() throws Exception {
        int messages = WebcomSimulator.PUSH_ROUND + 500;
        List<Integer> bodySizes = new CopyOnWriteArrayList<>();
        Set<String> pushedIds = ConcurrentHashMap.newKeySet();
        HttpServer client = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        client.createContext("/dlr", exchange -> {
            JsonNode states = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            bodySizes.add(states.size());
            states.forEach(state -> pushedIds.add(state.get("id_sms").asText()));
            byte[] echo = Json.MAPPER.writeValueAsBytes(states); // every id echoed back: acknowledged
            exchange.sendResponseHeaders(200, echo.length);
            exchange.getResponseBody().write(echo);
            exchange.close();
        });
        client.setExecutor(Executors.newCachedThreadPool());
        client.start();
        try {
            WebcomSimulator webcom = SANDBOX.sandbox().webcom()
                    .webhookUrl(URI.create("http://127.0.0.1:" + client.getAddress().getPort() + "/dlr"));
            StringBuilder phones = new StringBuilder();
            for (int i = 0; i < messages; i++) {
                phones.append(i == 0 ? "[" : ",").append("{\"phone\":\"7961").append(1_000_000 + i).append("\"}");
            }
            assertEquals(200, post("/json", send("\"Shop\"", "\"hi\"", phones + "]")).statusCode());
            SANDBOX.sandbox().clock().advance(WebcomSimulator.DEFAULT_DELIVER_AFTER);

            webcom.push();
            assertEquals(Collections.nCopies(WebcomSimulator.PUSH_ROUND / WebcomSimulator.PUSH_BATCH,
                    WebcomSimulator.PUSH_BATCH), bodySizes, "a push's most");
            assertEquals(false, pushedIds.contains(String.valueOf(webcom.accepted().get(messages - 1).idSms())),
                    "the oldest first");
            bodySizes.clear();
            webcom.push();
            assertEquals(List.of(500), bodySizes, "the rest in the next push");

            assertEquals(messages, pushedIds.size());
            assertEquals(null, webcom.push(), "all acknowledged: nothing left to push");
        } finally {
            client.stop(0);
        }
    }

    @Test
    void statusByTokenFollowsTheClockAndBalanceAnswersMoneyAsAString() throws Exception {
        JsonNode sent = Json.MAPPER.readTree(post("/json", send("\"Shop\"", "\"hi\"",
                "[{\"phone\":\"79612242243\"}]")).body());
        long id = sent.get("information").get(0).get("id_sms").asLong();
        String status = "{\"token\":\"sandbox-token\",\"id_sms\":[" + id + "],\"detail\":1}";

        assertEquals("send", Json.MAPPER.readTree(post("/json/state.php", status).body()).get(0).get("state").asText());
        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(31));
        JsonNode state = Json.MAPPER.readTree(post("/json/state.php", status).body()).get(0);
        assertEquals("deliver", state.get("state").asText());
        assertEquals(1, state.get("num_parts").asInt());

        JsonNode balance = Json.MAPPER.readTree(post("/json/balance.php", "{" + AUTH + "}").body());
        assertEquals("19023.9", balance.get("money").textValue());
        assertEquals("Unlim", balance.get("information").get(0).get("num_sms").asText());
    }
}
