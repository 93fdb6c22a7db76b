package io.camelsms.smsclouds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsHeaders;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.sandbox.WebhookPush;
import io.camelsms.testing.PlatformHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The MO push and the keyword auto-response, called by the sandbox over real HTTP as the platform would. */
class SmscloudsWebhookTest extends SmscloudsTestSupport {

    private static final String MO_SECRET = "mo-s3cr3t";
    private static final String KEYWORD_SECRET = "kw-s3cr3t";
    private String baseUrl;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        baseUrl = PlatformHttp.addServer(context);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("smsclouds:inbound?webhookSecret=" + MO_SECRET).routeId("mo")
                        .choice().when(simple("${body.text} == 'boom'"))
                        .throwException(new IllegalStateException("downstream is down"))
                        .end().to("mock:mo");
                from("smsclouds:keyword?webhookSecret=" + KEYWORD_SECRET).routeId("keyword")
                        .to("mock:keyword")
                        .choice()
                        .when(simple("${body.keyword} == 'promo'"))
                        .setBody(simple("<p>Hola <b>${body.from}</b>,\n tu   codigo es 1234</p>"))
                        .when(simple("${body.keyword} == 'largo'"))
                        .setBody(constant("x".repeat(200)))
                        .when(simple("${body.keyword} == 'falla'"))
                        .throwException(new IllegalStateException("no reply"))
                        .end();
            }
        };
    }

    private void sentAndDelivered(String cellphone) {
        SANDBOX.sandbox().clock().freeze();
        template.sendBodyAndHeader("smsclouds:send?route=87", "Responde SI", SmsHeaders.RECIPIENT, cellphone);
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR));
    }

    @Test
    void anMoPushedByThePlatformReachesTheRouteAndIsAnsweredOk() throws Exception {
        smsclouds().moWebhook(baseUrl + "/sms/smsclouds/inbound/" + MO_SECRET);
        sentAndDelivered("4498987282");
        MockEndpoint mo = getMockEndpoint("mock:mo");
        mo.expectedMessageCount(1);

        WebhookPush.Answer answer = smsclouds().mo("4498987282", "Si, quiero");

        assertEquals(200, answer.status());
        assertEquals("ok", answer.body(), "the document wants the plain text ok and nothing else");
        mo.assertIsSatisfied();
        InboundMessage received = mo.getExchanges().get(0).getMessage().getBody(InboundMessage.class);
        SmsCloudsSimulator.Mo sent = smsclouds().mos().get(0);
        assertEquals("smsclouds", received.provider());
        assertEquals("4498987282", received.from());
        assertEquals("Si, quiero", received.text());
        assertEquals(String.valueOf(sent.messageId()), received.providerMessageId());
        assertEquals(sent.receivedAt().getEpochSecond(), received.receivedAt().getEpochSecond(),
                "date read in the provider's time zone");
        assertEquals(received.eventId(), mo.getExchanges().get(0).getMessage().getHeader(SmsHeaders.EVENT_ID));
    }

    @Test
    void theSecretMayAlsoComeAsAQueryParameter() throws Exception {
        smsclouds().moWebhook(baseUrl + "/sms/smsclouds/inbound?secret=" + MO_SECRET);
        sentAndDelivered("4498987282");
        assertEquals("ok", smsclouds().mo("4498987282", "hola").body());
        assertEquals(1, getMockEndpoint("mock:mo").getReceivedCounter());
    }

    @Test
    void aWrongOrMissingSecretGets401AndReachesNoRoute() throws Exception {
        sentAndDelivered("4498987282");
        smsclouds().moWebhook(baseUrl + "/sms/smsclouds/inbound/wrong");
        assertEquals(401, smsclouds().mo("4498987282", "fake").status());
        smsclouds().moWebhook(baseUrl + "/sms/smsclouds/inbound");
        assertEquals(401, smsclouds().mo("4498987282", "fake").status());
        assertEquals(0, getMockEndpoint("mock:mo").getReceivedCounter());
    }

    @Test
    void aRouteFailureIsAnswered500SoThePlatformRetries() {
        smsclouds().moWebhook(baseUrl + "/sms/smsclouds/inbound/" + MO_SECRET);
        sentAndDelivered("4498987282");
        WebhookPush.Answer answer = smsclouds().mo("4498987282", "boom");
        assertEquals(500, answer.status());
        assertFalse("ok".equals(answer.body()));
    }

    @Test
    void aCallWithoutTheDocumentedParametersIs400() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/sms/smsclouds/inbound/" + MO_SECRET + "?response=hi&cellphone=4498987282&message_id=1&date=ayer"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertEquals(0, getMockEndpoint("mock:mo").getReceivedCounter());
    }

    @Test
    void theKeywordReplyIsTheRoutesBodyAsPlainTextWithoutMarkup() throws Exception {
        smsclouds().keywordWebhook(baseUrl + "/sms/smsclouds/keyword/" + KEYWORD_SECRET);
        MockEndpoint keyword = getMockEndpoint("mock:keyword");

        WebhookPush.Answer answer = smsclouds().keywordRequest("4499157710", "promo", "promo quiero mi codigo");

        assertEquals(200, answer.status());
        assertEquals("Hola 4499157710 , tu codigo es 1234", answer.body());
        InboundMessage request = keyword.getExchanges().get(0).getMessage().getBody(InboundMessage.class);
        assertEquals("promo", request.keyword());
        assertEquals("promo quiero mi codigo", request.text());
        assertEquals("4499157710", request.from());
        assertEquals(Instant.class, request.receivedAt().getClass());
        assertEquals("promo", keyword.getExchanges().get(0).getMessage().getHeader(SmscloudsConstants.KEYWORD));
    }

    @Test
    void aKeywordReplyIsCutTo160AndAFailureIs500AndAWrongSecret401() {
        smsclouds().keywordWebhook(baseUrl + "/sms/smsclouds/keyword/" + KEYWORD_SECRET);
        assertEquals("x".repeat(160), smsclouds().keywordRequest("4499157710", "largo", "largo").body());
        assertEquals(500, smsclouds().keywordRequest("4499157710", "falla", "falla").status());
        assertEquals("", smsclouds().keywordRequest("4499157710", "otro", "otro").body(),
                "a route that sets no reply answers an empty text");

        smsclouds().keywordWebhook(baseUrl + "/sms/smsclouds/keyword?secret=nope");
        assertEquals(401, smsclouds().keywordRequest("4499157710", "promo", "promo").status());
        assertEquals(3, getMockEndpoint("mock:keyword").getReceivedCounter());
    }

    @Test
    void plainTextCleaningKeepsOrdinaryText() {
        assertEquals("Tu cita es el 5 > 4", SmscloudsKeywordProtocol.plainText("Tu cita es el 5 > 4"));
        assertEquals("hola", SmscloudsKeywordProtocol.plainText("<script>alert(1)</script> hola"));
        assertEquals("a b", SmscloudsKeywordProtocol.plainText("<?php echo 'x'; ?>a<br/>b"));
        assertEquals("", SmscloudsKeywordProtocol.plainText(null));
    }
}
