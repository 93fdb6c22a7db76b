package io.camelsms.smsway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsValidationException;
import io.camelsms.core.Violation;
import io.camelsms.sandbox.SmsWaySimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmswaySendTest extends SmswayTestSupport {

    @Test
    void oneMessageIsPostedWithTheKeyInTheCookieAndTheDocumentedFields() {
        SmsMessage message = SmsMessage.to("+39 380 123 4567").text("sms body text\r\nwith carriage return")
                .externalId("order-7").build();

        Exchange result = template.request("smsway:send", e -> e.getMessage().setBody(message));

        assertNull(result.getException());
        SmsWaySimulator.Request request = requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/remote/smssend", request.path());
        assertEquals("tokenapi=" + SmsWaySimulator.DEFAULT_TOKENAPI, request.cookie());
        assertEquals("application/json", request.contentType());
        assertEquals(json("{\"recipient\":\"393801234567\",\"smstext\":\"sms body text\\r\\nwith carriage return\"}"),
                json(request.body()), "digits with country code, no tokenapi in the body, no sim");

        SendResult sent = result.getMessage().getBody(SendResult.class);
        RecipientResult only = sent.recipients().get(0);
        assertTrue(only.accepted());
        assertEquals("393801234567", only.recipient());
        assertEquals("order-7", only.externalId());
        assertEquals(1L, result.getMessage().getHeader(SmsHeaders.ACCEPTED_COUNT));
        @SuppressWarnings("unchecked")
        Map<String, Instant> requestedAt = (Map<String, Instant>) sent.details().get(SmswayProducer.REQUESTED_AT);
        assertTrue(requestedAt.containsKey("order-7"), "the send time status matching needs");
        assertEquals(1, smsway().messages().size());
    }

    @Test
    void theKeyGoesInTheBodyWhenAskedAndNoCookieIsSent() {
        template.sendBody("smsway:send?apiKeyPlacement=body&sim=1",
                SmsMessage.to("+393801234567").text("hello").build());

        SmsWaySimulator.Request request = requests().get(0);
        assertNull(request.cookie());
        assertEquals(json("{\"tokenapi\":\"" + SmsWaySimulator.DEFAULT_TOKENAPI + "\",\"recipient\":\"393801234567\","
                          + "\"smstext\":\"hello\",\"sim\":1}"), json(request.body()));
    }

    @Test
    void aMessagesOwnSimWinsAndABadSimIsRejectedBeforeSending() {
        template.sendBody("smsway:send?sim=1", SmsMessage.to("+393801234567").text("a").option("sim", "0").build());
        assertEquals(0, json(requests().get(0).body()).get("sim").asInt());

        SmsValidationException e = failure(SmsValidationException.class, "smsway:send",
                SmsMessage.to("+393801234567").text("a").option("sim", "-2").build());
        assertEquals("sim", e.getViolations().get(0).field());
        assertEquals(1, smsway().requestCount());
    }

    @Test
    void aBareOneIsAcceptedAsSuccessToo() {
        smsway().bareSendReply(true);

        SendResult result = template.requestBody("smsway:send", SmsMessage.to("+393801234567").text("x").build(),
                SendResult.class);

        assertEquals(1, result.acceptedCount());
    }

    @Test
    void aTextOver160CharactersFailsBeforeSendingByDefault() {
        String text161 = "a".repeat(160) + "b";

        SmsValidationException e = failure(SmsValidationException.class, "smsway:send",
                SmsMessage.to("+393801234567").text(text161).build());

        Violation violation = e.getViolations().get(0);
        assertEquals("smstext", violation.field());
        assertTrue(violation.problem().startsWith("161 characters, at most 160"), violation.problem());
        assertTrue(e.getMessage().contains("truncateText=true"), e.getMessage());
        assertEquals(0, smsway().requestCount(), "nothing left");

        template.sendBody("smsway:send", SmsMessage.to("+393801234567").text("a".repeat(160)).build());
        assertEquals("a".repeat(160), smsway().messages().get(0).smstext(), "160 exactly is fine");
    }

    @Test
    void bareAndLoneLineBreaksGoOutAsTheDocumentsCrLf() throws Exception {
        template.sendBody("smsway:send", SmsMessage.to("+393801234567").text("one\ntwo\rthree\r\nfour\n\nend").build());

        SmsWaySimulator.Request request = requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/remote/smssend", request.path());
        assertTrue(request.body().contains("\"smstext\":\"one\\r\\ntwo\\r\\nthree\\r\\nfour\\r\\n\\r\\nend\""),
                request.body());
        assertEquals(json("{\"recipient\":\"393801234567\",\"smstext\":\"one\\r\\ntwo\\r\\nthree\\r\\nfour\\r\\n\\r\\nend\"}"),
                json(request.body()));
        assertEquals("one\r\ntwo\r\nthree\r\nfour\r\n\r\nend", smsway().messages().get(0).smstext());
    }

    @Test
    void eachLineBreakCountsTwoCharactersTowardThe160() {
        String fits = "a".repeat(79) + "\n" + "b".repeat(79);
        String over = "a".repeat(79) + "\n" + "b".repeat(80);
        assertEquals(159, fits.length());

        SmsValidationException e = failure(SmsValidationException.class, "smsway:send",
                SmsMessage.to("+393801234567").text(over).build());
        assertTrue(e.getViolations().get(0).problem().startsWith("161 characters, at most 160 (each line break counts 2"),
                e.getViolations().get(0).problem());
        assertEquals(0, smsway().requestCount(), "nothing left");

        template.sendBody("smsway:send", SmsMessage.to("+393801234567").text(fits).build());
        assertEquals("a".repeat(79) + "\r\n" + "b".repeat(79), json(requests().get(0).body()).get("smstext").asText());
    }

    @Test
    void truncationNeverLeavesALoneCarriageReturn() {
        String text = "a".repeat(159) + "\nmore";

        template.sendBody("smsway:send?truncateText=true", SmsMessage.to("+393801234567").text(text).build());

        assertEquals("a".repeat(159), json(requests().get(0).body()).get("smstext").asText(),
                "the \\r\\n would straddle the cut: it is dropped whole");
        assertEquals("a".repeat(159), smsway().messages().get(0).smstext());
    }

    @Test
    void withTruncateTextTheFirst160CharactersAreSent() {
        String text = "Your order 1001 has shipped. ".repeat(6) + "END";
        assertEquals(177, text.length());

        template.sendBody("smsway:send?truncateText=true", SmsMessage.to("+393801234567").text(text).build());

        String cut = text.substring(0, 160);
        assertTrue(cut.endsWith("has shipped. Your order 1001"), cut);
        assertEquals(cut, json(requests().get(0).body()).get("smstext").asText());
        assertEquals(cut, smsway().messages().get(0).smstext());
    }

    @Test
    void aListIsOneCallPerRecipientWithOneResultInOrder() {
        List<SmsMessage> messages = List.of(
                SmsMessage.to("+393801111111").text("one").build(),
                SmsMessage.to("not a number").text("two").build(),
                SmsMessage.to("+393803333333").text("three").build());

        SendResult result = template.requestBody("smsway:send", messages, SendResult.class);

        assertEquals(2, smsway().requestCount());
        assertEquals(List.of(0, 1, 2), result.recipients().stream().map(RecipientResult::index).toList());
        assertEquals(List.of(true, false, true), result.recipients().stream().map(RecipientResult::accepted).toList());
        assertEquals("393803333333", result.recipients().get(2).recipient());
        assertTrue(result.recipients().get(1).reason().startsWith("message[1].recipient"),
                result.recipients().get(1).reason());
    }

    @Test
    void concurrencyIsBoundedAndEveryMessageIsSentOnce() {
        smsway().sendTime(Duration.ofMillis(150));
        List<SmsMessage> messages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            messages.add(SmsMessage.to("+3938000000" + String.format("%02d", i)).text("m" + i).build());
        }

        SendResult result = template.requestBody("smsway:send?concurrency=3", messages, SendResult.class);

        assertTrue(smsway().maxInFlight() <= 3, "at most 3 calls at once, saw " + smsway().maxInFlight());
        assertTrue(smsway().maxInFlight() >= 2, "calls do overlap, saw " + smsway().maxInFlight());
        assertEquals(12, result.acceptedCount());
        assertEquals(12, smsway().messages().size());
        for (int i = 0; i < 12; i++) {
            assertEquals("3938000000" + String.format("%02d", i), result.recipients().get(i).recipient());
        }
        assertEquals(12, smsway().messages().stream().map(SmsWaySimulator.Message::recipient).distinct().count());
        assertFalse(result.recipients().stream().anyMatch(r -> !r.accepted()));
    }
}
