package io.camelsms.painel;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsValidationException;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.PainelSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PainelSendTest extends PainelTestSupport {

    private static final String AUTH = "lgn=" + PainelSimulator.DEFAULT_LOGIN + "&pwd=" + PainelSimulator.DEFAULT_PASSWORD;

    @Test
    void sendsTheDocumentedQueryStringAndReturnsTheCampaignId() {
        Exchange out = template.request("painel:send", e -> e.getMessage().setBody(
                SmsMessage.to("(31) 99999-9999").text("Feliz Natal").build()));

        assertEquals("action=sendsms&" + AUTH + "&msg=Feliz%20Natal&numbers=31999999999", lastQuery());
        SendResult result = out.getMessage().getBody(SendResult.class);
        String campaign = painel().campaigns().get(0).id();
        assertEquals(List.of(campaign), result.batchIds());
        assertEquals(campaign, out.getMessage().getHeader(SmsHeaders.CAMPAIGN_ID));
        assertEquals(campaign, result.recipients().get(0).batchId());
        assertEquals("31999999999", result.recipients().get(0).recipient());
    }

    @Test
    void theTextIsPercentEncodedAsUtf8WithSpacesAsPercent20() {
        template.requestBody("painel:send", SmsMessage.to("31999999999").text("Promoção: 10% & mais?").build());
        assertEquals("action=sendsms&" + AUTH + "&msg=Promo%C3%A7%C3%A3o%3A%2010%25%20%26%20mais%3F"
                     + "&numbers=31999999999", lastQuery());
        assertEquals("Promoção: 10% & mais?", painel().campaigns().get(0).msg());
    }

    @Test
    void numbersAreMadeNationalAndForeignOnesRejectedWithTheReason() {
        List<SmsMessage> body = List.of(
                SmsMessage.to("+55 31 99999-9999").text("oi").build(),
                SmsMessage.to("5521988887777").text("oi").build(),
                SmsMessage.to("+351 912 345 678").text("oi").build(),
                SmsMessage.to("12").text("oi").build());

        SendResult result = template.requestBody("painel:send", body, SendResult.class);

        assertEquals("action=sendsms&" + AUTH + "&msg=oi&numbers=31999999999,21988887777", lastQuery());
        assertEquals(2, result.acceptedCount());
        String foreign = result.recipients().get(2).reason();
        assertTrue(foreign.contains("country code 351") && foreign.contains("national"), foreign);
        assertFalse(result.recipients().get(3).accepted());
        assertTrue(result.recipients().get(3).reason().contains("'12'"), result.recipients().get(3).reason());
    }

    @Test
    void aSendWithOnlyInvalidNumbersLeavesNothing() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                "painel:send", SmsMessage.to("+1 212 555 0100").text("hi").build()));
        assertInstanceOf(SmsValidationException.class, e.getCause());
        assertEquals(0, painel().requestCount());
    }

    @Test
    void scheduleBecomesJobdateAndJobtimeInTheAccountZone() {
        template.requestBody("painel:send", SmsMessage.to("31999999999").text("Feliz Natal")
                .scheduleAt(OffsetDateTime.parse("2026-12-24T19:00:00Z")).build());
        assertEquals("action=sendsms&" + AUTH + "&msg=Feliz%20Natal&numbers=31999999999"
                     + "&jobdate=24/12/2026&jobtime=16:00", lastQuery());

        template.requestBodyAndHeader("painel:send?timeZone=UTC", "Bom dia", SmsHeaders.RECIPIENT, "31999999999");
        template.send("painel:send?timeZone=UTC", e -> {
            e.getMessage().setBody("Bom dia");
            e.getMessage().setHeader(SmsHeaders.RECIPIENT, "31999999999");
            e.getMessage().setHeader(PainelConstants.SCHEDULE_AT, "2027-01-02T08:05:00-03:00");
        });
        assertEquals("action=sendsms&" + AUTH + "&msg=Bom%20dia&numbers=31999999999&jobdate=02/01/2027&jobtime=11:05",
                lastQuery());
    }

    @Test
    void messagesAreGroupedIntoOneCampaignPerTextAndSchedule() {
        List<SmsMessage> body = List.of(
                SmsMessage.to("31999990001").text("A").build(),
                SmsMessage.to("31999990002").text("B").build(),
                SmsMessage.to("31999990003").text("A").build());

        Exchange out = template.request("painel:send", e -> e.getMessage().setBody(body));

        List<String> queries = painel().lastRequests();
        assertEquals(List.of("action=sendsms&" + AUTH + "&msg=A&numbers=31999990001,31999990003",
                "action=sendsms&" + AUTH + "&msg=B&numbers=31999990002"), queries);
        SendResult result = out.getMessage().getBody(SendResult.class);
        assertEquals(2, result.batchIds().size());
        assertEquals(result.batchIds(), out.getMessage().getHeader(SmsHeaders.BATCH_IDS));
        assertEquals(result.recipients().get(0).batchId(), result.recipients().get(2).batchId());
        assertEquals(result.batchIds().get(1), result.recipients().get(1).batchId());
    }

    @Test
    void numbersAreSplitSoNoUrlExceedsMaxUrlLength() {
        List<SmsMessage> body = IntStream.range(0, 100)
                .mapToObj(i -> SmsMessage.to(String.format("319999%05d", i)).text("Promo").build()).toList();
        String uri = "painel:send?maxUrlLength=400";

        SendResult result = template.requestBody(uri, body, SendResult.class);

        List<String> queries = painel().lastRequests();
        assertTrue(queries.size() > 1, "split into several campaigns");
        assertEquals(queries.size(), result.batchIds().size(), "each part is its own campaign, all reported");
        List<String> sent = new ArrayList<>();
        for (String query : queries) {
            String url = SANDBOX.sandbox().baseUrl() + "/painel/api.ashx?" + query;
            assertTrue(url.length() <= 400, () -> url.length() + " characters");
            sent.addAll(List.of(query.substring(query.indexOf("numbers=") + 8).split(",")));
        }
        assertEquals(body.stream().map(SmsMessage::recipient).toList(), sent, "every number once, in order");
        assertEquals(100, result.acceptedCount());
    }

    @Test
    void aTextTooLongForTheUrlIsRejectedBeforeSending() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                "painel:send?maxUrlLength=300", SmsMessage.to("31999999999").text("x".repeat(300)).build()));
        assertTrue(e.getCause().getMessage().contains("maxUrlLength is 300"), e.getCause().getMessage());
        assertEquals(0, painel().requestCount());
    }

    @Test
    void callbackUrlIsFilledFromTheConsumersPublicUrlWithTheSecret() {
        template.requestBody("painel:send?callbackUrl=https://sms.example.com/sms/painel/callback&webhookSecret=s3cr3t",
                SmsMessage.to("31999999999").text("oi").build());
        assertEquals("action=sendsms&" + AUTH + "&msg=oi&numbers=31999999999"
                     + "&url_callback=https%3A%2F%2Fsms.example.com%2Fsms%2Fpainel%2Fcallback%2Fs3cr3t", lastQuery());
        assertEquals("https://sms.example.com/sms/painel/callback/s3cr3t", painel().campaigns().get(0).urlCallback());
    }

    @Test
    void aRefusedLoginFailsWithThePanelsMessage() {
        painel().account("other", "other");
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                "painel:send", SmsMessage.to("31999999999").text("oi").build()));
        SmsProviderException failure = assertInstanceOf(SmsProviderException.class, e.getCause());
        assertEquals("0", failure.getProviderCode());
        assertTrue(failure.getMessage().contains("falha ao realizar login"), failure.getMessage());
        assertEquals(SmsProviderException.Failure.REFUSED, failure.getFailure());
        assertEquals(1, painel().requestCount(), "not retried");
    }

    @Test
    void thePlainTextInvalidOperationFailsClearly() {
        painel().faults().failNext(1, Fault.code("0:OPERACAO INVALIDA"));
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(
                "painel:send", SmsMessage.to("31999999999").text("oi").build()));
        SmsProviderException failure = assertInstanceOf(SmsProviderException.class, e.getCause());
        assertEquals("0:OPERACAO INVALIDA", failure.getProviderCode());
        assertTrue(failure.getMessage().contains("unknown action"), failure.getMessage());
    }

    @Test
    void anHttpServerErrorTheManualDoesNotDefineLeavesTheOutcomeUnknownAndIsNotResent() {
        painel().faults().failNext(2, Fault.http(503));
        SendResult result = template.requestBody("painel:send", SmsMessage.to("31999999999").text("oi").build(),
                SendResult.class);
        assertEquals(1, result.unknownCount());
        assertTrue(result.unknown().get(0).reason().contains("HTTP 503"), result.unknown().get(0).reason());
        assertEquals(1, painel().requestCount());
        assertEquals(0, painel().campaigns().size());
    }

    @Test
    void aLaterCampaignThatFailsIsReportedNotThrown() {
        painel().faults().failAfter(1, 10, Fault.code("0"));
        List<SmsMessage> body = List.of(SmsMessage.to("31999990001").text("A").build(),
                SmsMessage.to("31999990002").text("B").build());
        SendResult result = template.requestBody("painel:send", body, SendResult.class);
        assertTrue(result.recipients().get(0).accepted());
        assertFalse(result.recipients().get(1).accepted());
        assertTrue(result.recipients().get(1).reason().contains("falha simulada"), result.recipients().get(1).reason());
    }
}
