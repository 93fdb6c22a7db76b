package io.camelsms.router;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sms:send against the sandbox: each number to its country's provider, over real HTTP. */
class SmsRouterSendTest extends RouterTestSupport {

    @Test
    void aMixedListGoesToEachCountrysProviderAndComesBackInTheInputOrder() {
        SendResult result = template.requestBody("sms:send", List.of(
                SmsMessage.to("+5521988887777").text("Olá").externalId("br-1").build(),
                SmsMessage.to("+525512345678").text("Hola").externalId("mx-1").build(),
                SmsMessage.to("+393331234567").text("Ciao").externalId("it-1").build(),
                SmsMessage.to("+79612242243").text("Privet").externalId("ru-1").build(),
                SmsMessage.to("+33612345678").text("Salut").externalId("fr-1").build(),
                SmsMessage.to("+5511912345678").text("Oi").externalId("br-2").build()), SendResult.class);

        assertEquals(Arrays.asList("painel", "smsclouds", "smsway", "webcom", null, "painel"),
                result.recipients().stream().map(RecipientResult::provider).toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), result.recipients().stream().map(RecipientResult::index).toList());
        assertEquals(List.of("br-1", "mx-1", "it-1", "ru-1", "fr-1", "br-2"),
                result.recipients().stream().map(RecipientResult::externalId).toList());
        assertEquals(5, result.acceptedCount(), result.toString());
        RecipientResult france = result.recipients().get(4);
        assertEquals(RecipientResult.Outcome.REJECTED, france.outcome());
        assertEquals("no routing rule matches +33612345678 (region FR); not sent", france.reason());
        assertEquals("sms", result.provider());

        assertEquals(List.of("21988887777", "11912345678"), painelNumbers());
        assertEquals(List.of("5512345678"), smscloudsNumbers());
        assertEquals(List.of("393331234567"), smswayNumbers());
        assertEquals(List.of("79612242243"), webcomNumbers());
        assertEquals(0, sandbox().pwapi().acceptedCount());
    }

    @Test
    void aHeaderForcesTheProviderForTheExchange() {
        SendResult result = template.requestBodyAndHeader("sms:send",
                SmsMessage.to("+5521988887777").text("Olá").build(), SmsRouterHeaders.FORCE_PROVIDER, "pwapi",
                SendResult.class);

        assertEquals("pwapi", result.recipients().get(0).provider());
        assertEquals(RecipientResult.Outcome.ACCEPTED, result.recipients().get(0).outcome());
        assertEquals(1, sandbox().pwapi().acceptedCount());
        assertEquals(List.of(), painelNumbers());
    }

    @Test
    void aForcedProviderNoRuleUsesIsARejectionNotASend() {
        SendResult result = template.requestBodyAndHeaders("sms:send",
                List.of(SmsMessage.to("+5521988887777").text("Olá").build(),
                        SmsMessage.to("+79612242243").text("Privet").build()),
                Map.of(SmsRouterHeaders.FORCE_PROVIDER, "kannel"), SendResult.class);

        assertEquals(2, result.rejectedCount());
        assertTrue(result.recipients().get(0).reason().contains("names 'kannel', which no routing rule uses"),
                result.recipients().get(0).reason());
        assertEquals(List.of(), painelNumbers());
        assertEquals(List.of(), webcomNumbers());
    }

    @Test
    void aRuleThatRejectsAndAnUnparsableNumberAreRejectedWithTheReason() {
        SendResult result = template.requestBody("sms:send?rules=BR: painel; default: reject", List.of(
                SmsMessage.to("+393331234567").text("Ciao").build(),
                SmsMessage.to("not a number").text("?").build(),
                SmsMessage.to("+5521988887777").text("Olá").build()), SendResult.class);

        assertEquals("routing rule 'default: reject' rejects +393331234567 (region IT); not sent",
                result.recipients().get(0).reason());
        assertTrue(result.recipients().get(1).reason().startsWith("'not a number' is not a usable phone number"),
                result.recipients().get(1).reason());
        assertEquals(RecipientResult.Outcome.ACCEPTED, result.recipients().get(2).outcome());
        assertEquals(List.of(), smswayNumbers());
        assertEquals(List.of("21988887777"), painelNumbers());
    }

    @Test
    void kazakhAndRussianNumbersShareACountryCodeButNotARegion() {
        SendResult result = template.requestBody("sms:send?rules=RU: webcom; KZ: smsway", List.of(
                SmsMessage.to("+77011234567").text("Sälem").build(),
                SmsMessage.to("+79612242243").text("Privet").build()), SendResult.class);

        assertEquals(List.of("smsway", "webcom"), result.recipients().stream().map(RecipientResult::provider).toList());
        assertEquals(2, result.acceptedCount(), result.toString());
        assertEquals(List.of("77011234567"), smswayNumbers());
        assertEquals(List.of("79612242243"), webcomNumbers());
    }

    @Test
    void aSecondUseOfAnExternalIdInOneSendIsRejectedNotSentToAnotherProvider() {
        SendResult result = template.requestBody("sms:send", List.of(
                SmsMessage.to("+5521988887777").text("Olá").externalId("same").build(),
                SmsMessage.to("+79612242243").text("Privet").externalId("same").build()), SendResult.class);

        assertEquals(RecipientResult.Outcome.ACCEPTED, result.recipients().get(0).outcome());
        assertEquals("external id 'same' is also message 0 of this send; an external id names one message",
                result.recipients().get(1).reason());
        assertEquals(List.of(), webcomNumbers());
    }

    @Test
    void aProviderTheRulesNameWithoutAComponentFailsTheStartNamingIt() {
        Exception thrown = assertThrows(Exception.class,
                () -> template.requestBody("sms:send?rules=BR: kannel", SmsMessage.to("+5521988887777").text("a")
                        .build()));
        Throwable cause = thrown;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().startsWith("sms: the rules send to 'kannel', but kannel:send cannot be created"),
                cause.getMessage());
        assertEquals(List.of(), painelNumbers());
    }
}
