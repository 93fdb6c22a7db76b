package io.camelsms.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.core.Json;
import io.camelsms.smsclouds.model.SmscloudsLimits;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smsclouds simulator as a user's own code sees it: raw HTTP, the document's bodies and errors. */
class SmsCloudsSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        return call(method, path, body, token, "application/json");
    }

    private static HttpResponse<String> call(String method, String path, String body, String token,
                                             String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SANDBOX.sandbox().baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, SmsCloudsSimulator.DEFAULT_TOKEN);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void withoutTheBearerTokenEveryCallIs401WithTheDocumentedErrorBody() throws Exception {
        HttpResponse<String> response = call("GET", "/api/v1/user", null, null);
        assertEquals(401, response.statusCode());
        assertEquals(Json.MAPPER.readTree("{\"error\":{\"information\":\"Unauthenticated.\",\"status_code\":401}}"),
                json(response));
        assertEquals("60", response.headers().firstValue("X-RateLimit-Limit").orElse(null));
    }

    @Test
    void theDocumentsErrorsAnswerTheirStatus() throws Exception {
        assertEquals(400, call("POST", "/api/v3/campaign", "not json").statusCode());
        assertEquals(404, call("GET", "/api/v3/nothing", null).statusCode());
        HttpResponse<String> noRoute = call("POST", "/api/v3/campaign",
                "{\"text\":\"hi\",\"recipients\":[{\"cellphone\":\"4498987282\"}]}");
        assertEquals(422, noRoute.statusCode());
        assertEquals(422, json(noRoute).at("/error/status_code").asInt());
        assertTrue(json(noRoute).at("/error/information").asText().contains("route"));
        assertEquals(422, call("POST", "/api/v3/campaign", "{\"text\":\"" + "x".repeat(161)
                + "\",\"route\":87,\"recipients\":[{\"cellphone\":\"4498987282\"}]}").statusCode());
        assertEquals(422, call("POST", "/api/v3/campaign", "{\"text\":\"hi\",\"route\":87,\"recipients\":"
                + "[{\"cellphone\":\"4498987282\",\"name\":\"a\"},{\"cellphone\":\"4498987283\"}]}").statusCode(),
                "combination arrays must have the cellphones' length");
    }

    @Test
    void everyCallButUserCredentialsNeedsTheJsonContentTypeTheDocumentLists() throws Exception {
        String token = SmsCloudsSimulator.DEFAULT_TOKEN;
        HttpResponse<String> routes = call("GET", "/api/v3/user/routes", null, token, null);
        assertEquals(400, routes.statusCode());
        assertEquals(Json.MAPPER.readTree("{\"error\":{\"information\":\"Content-Type: application/json is required\","
                + "\"status_code\":400}}"), json(routes));
        assertEquals(400, call("POST", "/api/v3/responses", "{\"type\":1}", token, "text/plain").statusCode());
        assertEquals(200, call("GET", "/api/v3/user/routes", null, token, "application/json; charset=utf-8")
                .statusCode());
        assertEquals(200, call("GET", "/api/v1/user", null, token, null).statusCode(),
                "its section lists only Authorization and Accept");
    }

    @Test
    void accentsAndSpecialCharactersNeedAnEncodeFlag() throws Exception {
        String recipients = ",\"route\":87,\"recipients\":[{\"cellphone\":\"4498987282\"}]";
        HttpResponse<String> plain = call("POST", "/api/v3/campaign", "{\"text\":\"Nos vemos mañana\"" + recipients
                + ",\"encode\":false}");
        assertEquals(422, plain.statusCode());
        assertEquals("El campo text contiene acentos o caracteres especiales: use encode.",
                json(plain).at("/error/information").asText());
        assertEquals(200, call("POST", "/api/v3/campaign", "{\"text\":\"Nos vemos mañana\"" + recipients
                + ",\"encode\":true}").statusCode());
        assertEquals(422, call("POST", "/api/v3/campaign", "{\"text\":\"" + "ñ".repeat(71) + "\"" + recipients
                + ",\"encode\":true}").statusCode(), "encode carries 70 characters");
        assertEquals(200, call("POST", "/api/v3/campaign", "{\"text\":\"" + "ñ".repeat(192) + "\"" + recipients
                + ",\"encode_3\":true}").statusCode());
        HttpResponse<String> accentedName = call("POST", "/api/v3/campaign", "{\"text\":\"Hola <+B+>\",\"route\":87,"
                + "\"recipients\":[{\"cellphone\":\"4498987282\",\"name\":\"José\"}],\"encode\":false}");
        assertEquals(422, accentedName.statusCode());
        assertEquals("El campo recipients.0 contiene acentos o caracteres especiales: use encode.",
                json(accentedName).at("/error/information").asText());
        assertEquals(2, SANDBOX.sandbox().smsclouds().campaigns().size());
    }

    @Test
    void aCampaignAnswersTheDocumentedSuccessBodyAndLivesOnTheClock() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        HttpResponse<String> created = call("POST", "/api/v3/campaign", "{\"text\":\"hi mi name y jose\","
                + "\"recipients\":[{\"cellphone\":\"4498987282\"},{\"cellphone\":\"4498987283\"}],"
                + "\"campaign_name\":\"my campaign\",\"route\":87,\"country\":1,\"encode\":false,\"long_message\":false}");
        assertEquals(200, created.statusCode());
        JsonNode body = json(created);
        assertEquals("Completado Correctamente", body.get("message").asText());
        assertEquals("Premium 2 Masiva", body.get("route").asText());
        assertEquals("Mexico", body.get("country").asText());
        assertEquals(2, body.get("recipients_count").asInt());
        assertEquals("60", created.headers().firstValue("X-RateLimit-Limit").orElse(null));
        String path = "/api/v3/campaign/" + body.get("campaign").asLong() + "/messages";

        assertEquals("inserting", json(call("GET", path, null)).get("campaign_status").asText());
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR));
        JsonNode done = json(call("GET", path, null));
        assertEquals("inserted", done.get("campaign_status").asText());
        assertEquals(100, done.get("percentage").asInt());
        assertEquals("sent", done.at("/data/1/status").asText());
    }

    @Test
    void withAutoReplyTheFirstHandsetOfEachSentCampaignAnswersOnce() throws Exception {
        SmsCloudsSimulator smsclouds = SANDBOX.sandbox().smsclouds().autoReply("SI");
        SANDBOX.sandbox().clock().freeze();
        assertEquals(200, call("POST", "/api/v3/campaign", "{\"text\":\"hola\",\"recipients\":[{\"cellphone\":"
                + "\"4498987282\"},{\"cellphone\":\"4498987283\"}],\"country\":1}").statusCode());
        smsclouds.tick();
        assertEquals(0, smsclouds.mos().size(), "nothing sent yet, so nobody answers");

        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR));
        smsclouds.tick();
        smsclouds.tick();
        assertEquals(1, smsclouds.mos().size(), "one answer per campaign");
        JsonNode responses = json(call("POST", "/api/v3/responses", "{\"type\":1,\"from\":\"2000-01-01 00:00:00\"}"));
        assertTrue(responses.toString().contains("\"SI\""), responses.toString());
    }

    @Test
    void aFinalCampaignIsForgottenAfterTheRetention() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        long old = campaign(1, "4498");
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR)
                .plus(SmsCloudsSimulator.RETENTION).plusMinutes(1));

        long recent = campaign(1, "4497");

        assertEquals(404, call("GET", "/api/v3/campaign/" + old + "/messages", null).statusCode());
        assertEquals("inserting", json(call("GET", "/api/v3/campaign/" + recent + "/messages", null))
                .get("campaign_status").asText());
    }

    @Test
    void beyondTheCountOnlyFinalCampaignsAlreadyReadAreForgottenOldestFirst() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        int size = SmscloudsLimits.MAX_RECIPIENTS;
        long read = campaign(size, "4498");
        long unread = campaign(size, "4497");
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR));
        assertEquals(100, json(call("GET", "/api/v3/campaign/" + read + "/messages", null)).get("percentage").asInt());

        for (int held = 2 * size; held <= SmsCloudsSimulator.RETAINED_MESSAGES; held += size) {
            campaign(size, "4496");
        }

        assertEquals(404, call("GET", "/api/v3/campaign/" + read + "/messages", null).statusCode());
        assertEquals(100, json(call("GET", "/api/v3/campaign/" + unread + "/messages", null))
                .get("percentage").asInt(), "nobody has read its final statuses yet");
    }

    /** Creates a campaign to {@code size} cellphones starting with {@code prefix}; returns its id. */
    private static long campaign(int size, String prefix) throws Exception {
        StringBuilder recipients = new StringBuilder();
        for (int i = 0; i < size; i++) {
            recipients.append(i == 0 ? "" : ",").append("{\"cellphone\":\"")
                    .append(String.format("%s%0" + (10 - prefix.length()) + "d", prefix, i)).append("\"}");
        }
        HttpResponse<String> created = call("POST", "/api/v3/campaign", "{\"text\":\"hola\",\"recipients\":["
                + recipients + "],\"country\":1}");
        assertEquals(200, created.statusCode(), created.body());
        return json(created).get("campaign").asLong();
    }

    @Test
    void providerCodeFaultsAnswerTheErrorBodyAnd429CarriesRetryAfter() throws Exception {
        SANDBOX.sandbox().smsclouds().faults().failNext(1, Fault.code("429"));
        HttpResponse<String> limited = call("GET", "/api/v3/user/routes", null);
        assertEquals(429, limited.statusCode());
        assertEquals("0", limited.headers().firstValue("Retry-After").orElse(null));
        assertEquals(429, json(limited).at("/error/status_code").asInt());
        assertEquals(200, call("GET", "/api/v3/user/routes", null).statusCode());
    }

    @Test
    void theV3UserIsTheFlatShape() throws Exception {
        JsonNode user = json(call("GET", "/api/v3/user", null));
        assertEquals("Completado Correctamente", user.get("message").asText());
        assertEquals(SmsCloudsSimulator.USER, user.get("email").asText());
        assertTrue(json(call("GET", "/api/v1/user", null)).has("data"));
    }
}
