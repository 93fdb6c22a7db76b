package io.camelsms.webcom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.WebcomSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebcomSendTest extends WebcomTestSupport {

    @Test
    void messagesWithTheSameSenderTypeAndTextShareOneMessageEntry() throws Exception {
        List<SmsMessage> messages = List.of(
                SmsMessage.to("+79612242243").sender("Shop").text("Sale today").externalId("101").build(),
                SmsMessage.to("+79612242245").sender("Shop").text("Your code 1234").externalId("103").build(),
                SmsMessage.to("+79612242244").sender("Shop").text("Sale today").externalId("102").build());

        SendResult result = template.requestBody("webcom:send", messages, SendResult.class);

        assertEquals(1, webcom().requestCount());
        WebcomSimulator.Request request = webcom().lastRequests().get(0);
        assertEquals("/json", request.path());
        assertEquals("text/json; charset=utf-8", request.contentType());
        assertEquals(Json.MAPPER.readTree("""
                {"login":"sandbox","password":"sandbox-password",
                 "message":[
                   {"type_send_1":"sms","sender":"Shop","text":"Sale today",
                    "phones":[{"phone":"79612242243","client_id_sms":"101"},{"phone":"79612242244","client_id_sms":"102"}]},
                   {"type_send_1":"sms","sender":"Shop","text":"Your code 1234",
                    "phones":[{"phone":"79612242245","client_id_sms":"103"}]}]}
                """), request.json());

        // the reply lists phones in request order; the result is back in body order
        List<WebcomSimulator.Accepted> accepted = webcom().accepted();
        assertEquals(List.of("79612242243", "79612242244", "79612242245"),
                accepted.stream().map(WebcomSimulator.Accepted::phone).toList());
        assertEquals(List.of("101", "103", "102"), result.recipients().stream().map(RecipientResult::externalId).toList());
        assertEquals(List.of(String.valueOf(accepted.get(0).idSms()), String.valueOf(accepted.get(2).idSms()),
                        String.valueOf(accepted.get(1).idSms())),
                result.recipients().stream().map(RecipientResult::providerMessageId).toList());
        assertEquals(3, result.acceptedCount());
    }

    @Test
    void phoneAndClientIdCanGoAsTheIntTheFieldTableNamesInsteadOfTheExamplesStrings() throws Exception {
        SendResult result = template.requestBody("webcom:send?intFieldsAsNumbers=true",
                SmsMessage.to("+79612242243").sender("Shop").text("Sale today").externalId("101").build(),
                SendResult.class);

        WebcomSimulator.Request request = webcom().lastRequests().get(0);
        assertEquals("/json", request.path());
        assertEquals(Json.MAPPER.readTree("""
                {"login":"sandbox","password":"sandbox-password",
                 "message":[{"type_send_1":"sms","sender":"Shop","text":"Sale today",
                             "phones":[{"phone":79612242243,"client_id_sms":101}]}]}
                """), request.json());
        assertEquals("79612242243", webcom().accepted().get(0).phone());
        assertEquals("101", webcom().accepted().get(0).clientIdSms());
        assertEquals(1, result.acceptedCount());
    }

    @Test
    void theTokenWinsWhenLoginAndPasswordAreAlsoSet() throws Exception {
        template.sendBody("webcom:send?token=" + WebcomSimulator.DEFAULT_TOKEN,
                SmsMessage.to("+79612242243").sender("Shop").text("hi").externalId("7").build());

        var sent = webcom().lastRequests().get(0).json();
        assertEquals(WebcomSimulator.DEFAULT_TOKEN, sent.get("token").asText());
        assertFalse(sent.has("login"));
        assertFalse(sent.has("password"));
        assertEquals(1, webcom().accepted().size());
    }

    @Test
    void validityBecomesTheDocumentedDateInPlatformTime() throws Exception {
        WebcomEndpoint endpoint = context.getEndpoint("webcom:send?sender=Shop", WebcomEndpoint.class);
        endpoint.setClock(Clock.fixed(Instant.parse("2001-12-31T10:04:54Z"), ZoneOffset.UTC));

        template.sendBody(endpoint, SmsMessage.to("+79612242243").text("hi").externalId("5")
                .validity(Duration.ofHours(2).plusMinutes(30)).build());

        var phone = webcom().lastRequests().get(0).json().get("message").get(0).get("phones").get(0);
        assertEquals("2001-12-31 15:34:54", phone.get("validity_period").asText(), "UTC+3, Moscow time");
    }

    @Test
    void viberIsChosenPerMessageOrPerEndpoint() throws Exception {
        template.sendBody("webcom:send?sender=Shop&typeSend=viber", List.of(
                SmsMessage.to("+79612242243").text("hi").externalId("1").build(),
                SmsMessage.to("+79612242244").text("hi").externalId("2").option("type_send_1", "sms").build()));

        var groups = webcom().lastRequests().get(0).json().get("message");
        assertEquals(2, groups.size(), "a different type is a different message entry");
        assertEquals("viber", groups.get(0).get("type_send_1").asText());
        assertEquals("sms", groups.get(1).get("type_send_1").asText());
    }

    @Test
    void aPlainTextGetsAGeneratedNumericClientIdReturnedAsExternalId() {
        Exchange result = template.request("webcom:send?sender=79000000000", e -> {
            e.getMessage().setBody("Ваш заказ отправлен");
            e.getMessage().setHeader(SmsHeaders.RECIPIENT, "+7 961 224-22-43");
        });

        assertNull(result.getException());
        WebcomSimulator.Accepted accepted = webcom().accepted().get(0);
        String externalId = result.getMessage().getHeader(SmsHeaders.EXTERNAL_ID, String.class);
        assertEquals(externalId, accepted.clientIdSms());
        assertTrue(externalId.matches("\\d{19}"), externalId);
        assertEquals(String.valueOf(accepted.idSms()),
                result.getMessage().getHeader(SmsHeaders.PROVIDER_MESSAGE_ID));
        assertEquals("79612242243", accepted.phone());
    }

    @Test
    void eachPhoneIsAcceptedOrRejectedOnItsOwn() {
        webcom().stopList("79612242244").closeDestination("380");
        List<SmsMessage> messages = List.of(
                SmsMessage.to("+79612242243").sender("Shop").text("hi").externalId("1").build(),
                SmsMessage.to("+79612242244").sender("Shop").text("hi").externalId("2").build(),
                SmsMessage.to("+380501234567").sender("Shop").text("hi").externalId("3").build(),
                SmsMessage.to("+79612242245").sender("Shop").text("other").externalId("4").build());

        Exchange exchange = template.request("webcom:send", e -> e.getMessage().setBody(messages));

        SendResult result = exchange.getMessage().getBody(SendResult.class);
        assertEquals(List.of(true, false, false, true), result.recipients().stream().map(RecipientResult::accepted).toList());
        assertEquals("Phone number is on the stop list", result.recipients().get(1).reason());
        assertEquals("This destination is closed for you", result.recipients().get(2).reason());
        assertNull(result.recipients().get(1).providerMessageId());
        assertEquals(2L, exchange.getMessage().getHeader(SmsHeaders.ACCEPTED_COUNT));
        assertEquals(2L, exchange.getMessage().getHeader(SmsHeaders.REJECTED_COUNT));
        assertEquals(2, webcom().accepted().size());
    }

    @Test
    void aSendWhoseReplyWasLostIsRetriedAndCountedOnce() {
        webcom().loseRepliesAfterAccepting(1);

        SendResult result = template.requestBody("webcom:send",
                SmsMessage.to("+79612242243").sender("Shop").text("once").externalId("9001").build(), SendResult.class);

        assertEquals(2, webcom().requestCount(), "the 503 was retried");
        assertEquals(1, webcom().accepted().size(), "client_id_sms kept the retry from sending twice");
        assertEquals(String.valueOf(webcom().accepted().get(0).idSms()), result.recipients().get(0).providerMessageId());
    }

    @Test
    void aRepeatedRequestReturnsTheEarlierIdSmsAndIsNotSentAgain() {
        List<SmsMessage> messages = List.of(
                SmsMessage.to("+79612242243").sender("Shop").text("once").externalId("11").build(),
                SmsMessage.to("+79612242244").sender("Shop").text("once").externalId("12").build());

        SendResult first = template.requestBody("webcom:send", messages, SendResult.class);
        SendResult second = template.requestBody("webcom:send", messages, SendResult.class);

        assertEquals(2, webcom().accepted().size());
        assertEquals(first.recipients().stream().map(RecipientResult::providerMessageId).toList(),
                second.recipients().stream().map(RecipientResult::providerMessageId).toList());
        assertEquals(2, second.acceptedCount());
    }

    @Test
    void batchSizeSplitsALargeSendIntoSeveralRequests() {
        List<SmsMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(SmsMessage.to("+7961224224" + i).sender("Shop").text("hi").externalId("50" + i).build());
        }
        SendResult result = template.requestBody("webcom:send?batchSize=2", messages, SendResult.class);
        assertEquals(3, webcom().requestCount());
        assertEquals(5, result.acceptedCount());
    }
}
