package io.camelsms.webcom;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.Json;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.sandbox.WebhookPush;
import io.camelsms.testing.PlatformHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status webhook against the sandbox's pushes, over real HTTP on platform-http. */
class WebcomDlrTest extends WebcomTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "s3cr3t";
    /** id_sms values the route fails on, as a downstream system that is down would. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private String httpBase;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        httpBase = PlatformHttp.addServer(context);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("webcom:dlr?webhookSecret=" + SECRET).routeId("dlr")
                        .process(e -> {
                            if (failing.contains(e.getMessage().getHeader(SmsHeaders.PROVIDER_MESSAGE_ID, String.class))) {
                                throw new IllegalStateException("downstream is down");
                            }
                        })
                        .to("mock:dlr");
            }
        };
    }

    @BeforeEach
    void pointTheSandboxAtTheWebhook() {
        webcom().webhookUrl(URI.create(httpBase + "/sms/webcom/dlr/" + SECRET));
    }

    private List<String> sendThree() {
        SendResult sent = template.requestBody("webcom:send?sender=Shop", List.of(
                SmsMessage.to("+79612242243").text("a").externalId("1").build(),
                SmsMessage.to("+79612242244").text("b").externalId("2").build(),
                SmsMessage.to("+79612242245").text("c").externalId("3").build()), SendResult.class);
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        return sent.recipients().stream().map(RecipientResult::providerMessageId).toList();
    }

    private static List<String> ids(String json) throws Exception {
        JsonNode root = Json.MAPPER.readTree(json);
        return java.util.stream.StreamSupport.stream(root.spliterator(), false)
                .map(n -> n.get("id_sms").asText()).toList();
    }

    @Test
    void onlyTheIdsTheRouteProcessedAreAcknowledgedAndTheRestComeAgain() throws Exception {
        webcom().outcome("79612242245", "not_deliver");
        List<String> ids = sendThree();
        failing.add(ids.get(1));
        MockEndpoint dlr = getMockEndpoint("mock:dlr");

        WebhookPush.Answer first = webcom().push();

        assertEquals(200, first.status());
        assertEquals(List.of(ids.get(0), ids.get(2)), ids(first.body()));
        assertEquals(2, dlr.getReceivedCounter());
        DeliveryReport delivered = dlr.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertEquals(ids.get(0), delivered.providerMessageId());
        assertEquals(DeliveryStatus.DELIVERED, delivered.status());
        assertEquals("webcom", delivered.provider());
        assertEquals(webcom().accepted().get(0).acceptedAt().plusSeconds(30).getEpochSecond(),
                delivered.statusAt().getEpochSecond());
        DeliveryReport failed = dlr.getExchanges().get(1).getMessage().getBody(DeliveryReport.class);
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertEquals("not_deliver", failed.rawStatus());

        // the unacknowledged id is pushed again; once the route recovers it is acknowledged
        WebhookPush.Answer second = webcom().push();
        assertEquals(List.of(ids.get(1)), ids(webcom().pushes().get(1)));
        assertEquals(List.of(), ids(second.body()));
        failing.clear();
        WebhookPush.Answer third = webcom().push();
        assertEquals(List.of(ids.get(1)), ids(third.body()));
        assertEquals(3, dlr.getReceivedCounter());
        assertNull(webcom().push(), "nothing left to push");
    }

    @Test
    void anIdNeverAcknowledgedIsPushedFiveTimesInAll() throws Exception {
        List<String> ids = sendThree();
        failing.add(ids.get(0));

        for (int round = 0; round < 7; round++) {
            webcom().push();
        }

        long attempts = webcom().pushes().stream().filter(body -> {
            try {
                return ids(body).contains(ids.get(0));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
        assertEquals(WebcomSimulator.MAX_PUSH_ATTEMPTS, attempts);
        assertEquals(2, getMockEndpoint("mock:dlr").getReceivedCounter());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(httpBase + path))
                .header("Content-Type", "application/json")
                .header("X-Internal-Token", "from-the-caller")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAnswerIsJsonWithTheIdsAsSentAndNoRequestHeaderEchoed() throws Exception {
        HttpResponse<String> response = post("/sms/webcom/dlr?secret=" + SECRET,
                "[{\"id_sms\":3234,\"time\":\"2011-01-01 12:57:46\",\"state\":\"deliver\"},"
                + "{\"id_sms\":\"3235\",\"time\":\"2011-01-01 12:58:00\",\"state\":\"read\"}]");

        assertEquals(200, response.statusCode());
        assertEquals("[{\"id_sms\":3234},{\"id_sms\":\"3235\"}]", response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertFalse(response.headers().map().containsKey("x-internal-token"));
        DeliveryReport read = getMockEndpoint("mock:dlr").getExchanges().get(1).getMessage().getBody(DeliveryReport.class);
        assertEquals(DeliveryStatus.READ, read.status());
        assertEquals(java.time.Instant.parse("2011-01-01T09:58:00Z"), read.statusAt(), "Moscow time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"id_sms\":1,\"state\":\"deliver\"}", "[1]", "[{\"state\":\"deliver\"}]",
                            "[{\"id_sms\":1}]", "[{\"id_sms\":{\"x\":1},\"state\":\"deliver\"}]", ""})
    void aMalformedCallGets400AndReachesNoRoute(String body) throws Exception {
        HttpResponse<String> response = post("/sms/webcom/dlr/" + SECRET, body);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(0, getMockEndpoint("mock:dlr").getReceivedCounter());
    }

    @Test
    void aCallWithoutTheSecretGets401AndReachesNoRoute() throws Exception {
        String body = "[{\"id_sms\":1,\"time\":\"2011-01-01 12:57:46\",\"state\":\"deliver\"}]";
        assertEquals(401, post("/sms/webcom/dlr", body).statusCode());
        assertEquals(401, post("/sms/webcom/dlr/wrong", body).statusCode());
        assertEquals(401, post("/sms/webcom/dlr?secret=wrong", body).statusCode());
        assertEquals(0, getMockEndpoint("mock:dlr").getReceivedCounter());
    }
}
