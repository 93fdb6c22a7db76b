package io.camelsms.pwapi;

import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsValidationException;
import io.camelsms.core.Violation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PwapiValidationTest extends PwapiTestSupport {

    private static final SmsMessage GOOD = SmsMessage.to("+5521988887777").text("ok").build();

    @Test
    void eachRuleNamesTheFieldTheLimitAndTheIndex() {
        List<SmsMessage> messages = List.of(
                GOOD,
                SmsMessage.to("+5521988887777").text("x".repeat(1001)).build(),
                SmsMessage.to("+5521988887777").text("ok").externalId("i".repeat(41)).build(),
                SmsMessage.to("+5521988887777").text("ok").option("aux_user", "a".repeat(21)).build(),
                SmsMessage.to("+5521988887777").text("ok").option("send_project", "Y").build(),
                SmsMessage.to("12345").text("ok").build(),
                SmsMessage.to("+5521988887777").text("").build());

        SmsValidationException e = validationFailure("pwapi:send?failOnInvalid=true", messages);

        assertEquals(List.of(
                new Violation(1, "message", "1001 characters, at most 1000"),
                new Violation(2, "id_extern", "41 characters, at most 40"),
                new Violation(3, "aux_user", "21 characters, at most 20"),
                new Violation(4, "send_project", "'Y' is not one of [S, N]")),
                e.getViolations().subList(0, 4));
        assertEquals(5, e.getViolations().get(4).index());
        assertEquals("mobile", e.getViolations().get(4).field());
        assertTrue(e.getViolations().get(4).problem().contains("'12345'"), e.getViolations().get(4).problem());
        assertEquals(new Violation(6, "message", "is required"), e.getViolations().get(5));
        assertTrue(e.getMessage().contains("message[1].message: 1001 characters, at most 1000"), e.getMessage());
        assertEquals(0, pwapi().requestCount(), "nothing leaves when failOnInvalid is set");
    }

    @Test
    void byDefaultTheValidMessagesAreSentAndTheInvalidOnesReported() {
        List<SmsMessage> messages = List.of(GOOD, SmsMessage.to("not a number").text("ok").build(), GOOD);

        SendResult result = template.requestBody("pwapi:send", messages, SendResult.class);

        assertEquals(2, pwapi().acceptedCount());
        assertEquals(2, result.acceptedCount());
        assertFalse(result.recipients().get(1).accepted());
        assertTrue(result.recipients().get(1).reason().startsWith("message[1].mobile: 'not a number'"),
                result.recipients().get(1).reason());
    }

    @Test
    void aLargeBodyIsPreparedOnAllCoresYetReportedInMessageOrder() {
        List<SmsMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            messages.add(i % 7 == 3 ? SmsMessage.to("+55 21 9888").text("short number " + i).build()
                    : SmsMessage.to("+5521988887777").text("ok").externalId("row-" + i).build());
        }

        SendResult result = template.requestBody("pwapi:send", messages, SendResult.class);

        for (int i = 0; i < messages.size(); i++) {
            assertEquals(i, result.recipients().get(i).index());
            assertEquals(i % 7 != 3, result.recipients().get(i).accepted(), "message " + i);
        }
        List<String> sent = pwapi().accepted().stream().map(m -> m.idExtern()).toList();
        assertEquals(messages.stream().map(SmsMessage::externalId).filter(java.util.Objects::nonNull).toList(), sent,
                "the provider receives the valid messages in the body's order");

        SmsValidationException e = validationFailure("pwapi:send?failOnInvalid=true", messages);
        List<Integer> indexes = e.getViolations().stream().map(Violation::index).toList();
        assertEquals(java.util.stream.IntStream.range(0, 5_000).filter(i -> i % 7 == 3).boxed().toList(), indexes);
    }

    @Test
    void aSendWithNothingValidFails() {
        SmsValidationException e = validationFailure("pwapi:send",
                SmsMessage.to("+5521988887777").text("x".repeat(1001)).build());
        assertEquals(1, e.getViolations().size());
        assertEquals(0, pwapi().requestCount());
    }

    @Test
    void aNationalNumberNeedsTheDefaultRegion() {
        SmsValidationException e = validationFailure("pwapi:send", SmsMessage.to("21988887777").text("hi").build());
        assertTrue(e.getMessage().contains("set defaultRegion"), e.getMessage());

        template.sendBody("pwapi:send?defaultRegion=BR", SmsMessage.to("(21) 98888-7777").text("hi").build());
        assertEquals("55(21)988887777", pwapi().accepted().get(0).mobile());
    }

    @Test
    void unicodeIsAllowedAndCountedInUtf16Units() {
        String thousandEmojiUnits = "😀".repeat(500);
        template.sendBody("pwapi:send", SmsMessage.to("+5521988887777").text(thousandEmojiUnits).build());
        assertEquals(thousandEmojiUnits, pwapi().accepted().get(0).message());
    }

    @Test
    void aBatchSizeAboveTheDocumentedMaximumIsRefusedAtStart() {
        Exception e = assertThrows(Exception.class, () -> template.sendBody("pwapi:send?batchSize=20001", GOOD));
        assertTrue(rootMessage(e).contains("batchSize must be 1..20000"), rootMessage(e));
    }

    private SmsValidationException validationFailure(String uri, Object body) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(uri, body));
        return assertInstanceOf(SmsValidationException.class, e.getCause());
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
