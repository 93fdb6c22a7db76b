package io.camelsms.painel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.testing.LogCapture;
import io.camelsms.testing.PlatformHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** send -> sandbox -> url_callback -> painel:callback over real HTTP, and callbacks that must not reach the route. */
class PainelCallbackTest extends PainelTestSupport {

    private static final String SECRET = "cb-s3cr3t";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private String serverUrl;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        serverUrl = PlatformHttp.addServer(context);
        PainelComponent component = context.getComponent("painel", PainelComponent.class);
        component.getConfiguration().setCallbackUrl(serverUrl + "/sms/painel/callback");
        component.getConfiguration().setWebhookSecret(SECRET);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("painel:callback").routeId("painel-callback").to("mock:events");
            }
        };
    }

    @Test
    void aSentCampaignReportsDeliveryAndTheReplyThroughTheCallback() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        SendResult sent = template.requestBody("painel:send", SmsMessage.to("+55 31 99999-9999").text("Quer?").build(),
                SendResult.class);
        String campaign = sent.batchIds().get(0);
        assertEquals(serverUrl + "/sms/painel/callback/" + SECRET, painel().campaign(campaign).urlCallback());

        events.expectedMessageCount(2);
        SANDBOX.sandbox().clock().advance(PainelSimulator.DELIVERY_DELAY.plusSeconds(1));
        painel().tick();
        PainelSimulator.Push reply = painel().reply(campaign, "31999999999", "Sim; quero");
        events.assertIsSatisfied(5000);

        assertEquals(200, reply.status());
        assertTrue(painel().pushes().stream().allMatch(p -> p.status() == 200), painel().pushes()::toString);
        DeliveryReport report = events.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertEquals(DeliveryStatus.DELIVERED, report.status());
        assertEquals("sucesso", report.rawStatus());
        assertEquals(campaign, report.campaignId());
        assertEquals("31999999999", report.recipient());
        assertEquals(painel().campaign(campaign).messages().get(0).deliveredAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                report.statusAt(), "data_resposta: whole seconds");
        assertEquals(report.eventId(), events.getExchanges().get(0).getMessage().getHeader(SmsHeaders.EVENT_ID));

        InboundMessage answer = events.getExchanges().get(1).getMessage().getBody(InboundMessage.class);
        assertEquals("Sim; quero", answer.text());
        assertEquals("31999999999", answer.from());
        assertEquals(campaign, answer.campaignId());
        // data_resposta is whole seconds in the account's zone
        Instant now = SANDBOX.sandbox().clock().instant();
        assertTrue(!answer.receivedAt().isAfter(now) && answer.receivedAt().isAfter(now.minusSeconds(5)),
                answer.receivedAt()::toString);
    }

    private HttpResponse<String> call(String path, String dataCallback) throws Exception {
        String query = dataCallback == null ? "" : "?data_callback=" + URLEncoder.encode(dataCallback, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(serverUrl + path + query)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void malformedAndUnauthenticatedCallbacksReachNoRoute() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        String base = "/sms/painel/callback";
        try (LogCapture logs = LogCapture.everything()) {
            assertEquals(401, call(base, "1001;31999999999;;;sucesso;").statusCode());
            assertEquals(401, call(base + "/wrong", "1001;31999999999;;;sucesso;").statusCode());

            HttpResponse<String> notInteger = call(base + "/" + SECRET, "abc;31999999999;;;sucesso;");
            assertEquals(400, notInteger.statusCode());
            assertTrue(notInteger.body().contains("codigo_campanha 'abc' is not an integer"), notInteger.body());
            assertEquals(400, call(base + "/" + SECRET, "1001;31999999999;oi").statusCode());
            assertEquals(400, call(base + "/" + SECRET, "1001;31999999999;oi;24/12/2026;sucesso;").statusCode());
            assertEquals(400, call(base + "/" + SECRET, null).statusCode());

            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("malformed")
                    && l.contains("codigo_campanha 'abc' is not an integer")), "the log line names the fault");
        }
        assertEquals(0, events.getReceivedCounter());

        // the consumer still serves well-formed calls
        events.expectedMessageCount(1);
        assertEquals(200, call(base + "/" + SECRET, "1001;31999999999;;2026-12-24 16:00:05;numero invalido;k-7")
                .statusCode());
        events.assertIsSatisfied(5000);
        DeliveryReport report = events.getExchanges().get(0).getMessage().getBody(DeliveryReport.class);
        assertEquals(DeliveryStatus.FAILED, report.status());
        assertEquals("k-7", report.externalId());
        assertEquals(Instant.parse("2026-12-24T19:00:05Z"), report.statusAt());
        assertEquals(List.of(), events.getExchanges().get(0).getMessage().getHeaders().keySet().stream()
                .filter(h -> h.toLowerCase().contains("secret")).toList());
    }
}
