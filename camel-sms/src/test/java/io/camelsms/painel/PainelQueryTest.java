package io.camelsms.painel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsValidationException;
import io.camelsms.painel.model.PainelStatusLine;
import io.camelsms.sandbox.PainelSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** status, balance, hold and release against the sandbox, and the once-a-minute guard on a controlled clock. */
class PainelQueryTest extends PainelTestSupport {

    private static final String AUTH = "lgn=" + PainelSimulator.DEFAULT_LOGIN + "&pwd=" + PainelSimulator.DEFAULT_PASSWORD;

    private String sendCampaign(String text, String... numbers) {
        List<SmsMessage> body = java.util.Arrays.stream(numbers).map(n -> SmsMessage.to(n).text(text).build()).toList();
        return template.requestBody("painel:send", body, SendResult.class).batchIds().get(0);
    }

    @SuppressWarnings("unchecked")
    private List<DeliveryReport> status(String campaign) {
        return template.requestBodyAndHeader("painel:status", null, SmsHeaders.CAMPAIGN_ID, campaign, List.class);
    }

    @Test
    void statusSendsTheDocumentedQueryAndFollowsTheCampaign() {
        String campaign = sendCampaign("Oi; \"tudo\" bem?", "31999999999", "31999990000");

        List<DeliveryReport> queued = status(campaign);
        assertEquals("action=getstatus&" + AUTH + "&id=" + campaign, lastQuery());
        assertEquals(2, queued.size());
        assertEquals(DeliveryStatus.QUEUED, queued.get(0).status());
        assertEquals("aguardando envio", queued.get(0).rawStatus());
        assertEquals("31999999999", queued.get(0).recipient());
        assertEquals(campaign, queued.get(0).campaignId());
        assertNotNull(queued.get(0).providerMessageId());

        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(61));
        Exchange out = template.request("painel:status", e -> e.getMessage().setBody(campaign));
        List<?> reports = out.getMessage().getBody(List.class);
        DeliveryReport delivered = (DeliveryReport) reports.get(0);
        assertEquals(DeliveryStatus.DELIVERED, delivered.status());
        assertNotNull(delivered.statusAt());
        assertTrue(delivered.detail().startsWith("carrier "), delivered.detail());
        assertEquals(DeliveryStatus.FAILED, ((DeliveryReport) reports.get(1)).status(), "a number the sandbox does not know: nao cadastrado");
        @SuppressWarnings("unchecked")
        List<PainelStatusLine> lines = out.getMessage().getHeader(PainelConstants.STATUS_LINES, List.class);
        assertEquals("Oi; \"tudo\" bem?", lines.get(0).message(), "quoted ; and quotes survive the round trip");
    }

    @Test
    void aSecondStatusWithinAMinuteFailsFastNamingTheWaitAndNothingIsSent() {
        SANDBOX.sandbox().clock().freeze();
        String campaign = sendCampaign("oi", "31999999999");
        status(campaign);
        long requests = painel().requestCount();

        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(20));
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> status(campaign));
        PainelRateLimitException limited = assertInstanceOf(PainelRateLimitException.class, e.getCause());
        assertTrue(limited.getRetryAfter().compareTo(Duration.ofSeconds(40)) <= 0
                   && limited.getRetryAfter().compareTo(Duration.ofSeconds(39)) > 0, limited.getRetryAfter()::toString);
        assertTrue(limited.getMessage().contains("allowed in 40 s"), limited.getMessage());
        assertEquals(requests, painel().requestCount(), "the guard kept the call home");

        // another endpoint of the same account shares the allowance
        assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader(
                "painel:status?timeZone=UTC", null, SmsHeaders.CAMPAIGN_ID, campaign));

        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(41));
        assertEquals(1, status(campaign).size());
    }

    @Test
    void withRateLimitMaxWaitTheCallWaitsForItsSlot() {
        String campaign = sendCampaign("oi", "31999999999");
        status(campaign);
        // 100 ms short of the minute: the call waits that long instead of failing
        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(60).minusMillis(100));
        List<?> reports = template.requestBodyAndHeader("painel:status?rateLimitMaxWait=2000", null,
                SmsHeaders.CAMPAIGN_ID, campaign, List.class);
        assertEquals(1, reports.size());

        // a wait longer than allowed still fails at once
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader(
                "painel:status?rateLimitMaxWait=2000", null, SmsHeaders.CAMPAIGN_ID, campaign));
        assertInstanceOf(PainelRateLimitException.class, e.getCause());
    }

    @Test
    void theSandboxRefusesASecondGetstatusWithinAMinuteToo() {
        String campaign = sendCampaign("oi", "31999999999");
        status(campaign);
        PainelRateLimiter.SHARED.clear(); // as if another JVM used the same account
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> status(campaign));
        assertTrue(e.getCause().getMessage().contains(PainelSimulator.MSG_RATE_LIMITED), e.getCause().getMessage());
    }

    @Test
    void balanceIsANumberAndHasItsOwnMinute() {
        BigDecimal balance = template.requestBody("painel:balance", null, BigDecimal.class);
        assertEquals("action=getbalance&" + AUTH, lastQuery());
        assertEquals(0, PainelSimulator.DEFAULT_BALANCE.compareTo(balance));

        sendCampaign("oi", "31999999999");
        assertThrows(CamelExecutionException.class, () -> template.requestBody("painel:balance", (Object) null));
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        assertEquals(0, PainelSimulator.DEFAULT_BALANCE.subtract(BigDecimal.ONE)
                .compareTo(template.requestBody("painel:balance", null, BigDecimal.class)));
    }

    @Test
    void aHeldCampaignDoesNotProgressUntilReleased() {
        String campaign = sendCampaign("oi", "31999999999");
        Exchange held = template.request("painel:hold", e -> e.getMessage().setHeader(SmsHeaders.CAMPAIGN_ID, campaign));
        assertEquals("action=holdsms&" + AUTH + "&id=" + campaign, lastQuery());
        assertEquals("SUCESSO", held.getMessage().getHeader(PainelConstants.PANEL_MESSAGE));

        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(2));
        assertEquals(DeliveryStatus.QUEUED, status(campaign).get(0).status());

        template.requestBodyAndHeader("painel:release", null, SmsHeaders.CAMPAIGN_ID, campaign);
        assertEquals("action=releasesms&" + AUTH + "&id=" + campaign, lastQuery());
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        assertEquals(DeliveryStatus.DELIVERED, status(campaign).get(0).status());
    }

    @Test
    void aScheduledCampaignWaitsForItsJobdateAndJobtime() {
        java.time.OffsetDateTime at = java.time.OffsetDateTime.now(SANDBOX.sandbox().clock()).plusHours(2);
        String campaign = template.requestBody("painel:send", SmsMessage.to("31999999999").text("later")
                .scheduleAt(at).build(), SendResult.class).batchIds().get(0);
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(90));
        assertEquals(DeliveryStatus.QUEUED, status(campaign).get(0).status());
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(32));
        assertEquals(DeliveryStatus.DELIVERED, status(campaign).get(0).status());
    }

    @Test
    void aMissingOrNonNumericCampaignIdFailsBeforeSending() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("painel:hold", "abc"));
        assertInstanceOf(SmsValidationException.class, e.getCause());
        assertEquals(0, painel().requestCount());
    }

    @Test
    void anUnknownCampaignFailsWithThePanelsMessage() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("painel:release", "424242"));
        assertTrue(e.getCause().getMessage().contains(PainelSimulator.MSG_NOT_FOUND), e.getCause().getMessage());
        assertNull(painel().campaign("424242"));
    }
}
