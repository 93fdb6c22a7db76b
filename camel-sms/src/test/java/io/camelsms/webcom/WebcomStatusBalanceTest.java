package io.camelsms.webcom;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.Json;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.webcom.model.WebcomBalance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebcomStatusBalanceTest extends WebcomTestSupport {

    private SendResult send(SmsMessage... messages) {
        return template.requestBody("webcom:send?sender=Shop", List.of(messages), SendResult.class);
    }

    @SuppressWarnings("unchecked")
    private List<DeliveryReport> status(String uri, Object body) {
        return template.requestBody(uri, body, List.class);
    }

    @Test
    void oneIdIsAskedAsTheDocumentShowsAndFollowsTheSandboxClock() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        String id = send(SmsMessage.to("+79612242243").text("hi").externalId("1").build())
                .recipients().get(0).providerMessageId();

        List<DeliveryReport> before = status("webcom:status", id);

        assertEquals(Json.MAPPER.readTree("{\"login\":\"sandbox\",\"password\":\"sandbox-password\",\"id_sms\":" + id
                + ",\"detail\":0}"), webcom().lastRequests().get(1).json());
        assertEquals("/json/state.php", webcom().lastRequests().get(1).path());
        assertEquals("text/json; charset=utf-8", webcom().lastRequests().get(1).contentType());
        assertEquals(DeliveryStatus.SENT, before.get(0).status());
        assertEquals("send", before.get(0).rawStatus());
        assertFalse(before.get(0).status().isFinal());

        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(1));
        DeliveryReport after = status("webcom:status", id).get(0);

        assertEquals(DeliveryStatus.DELIVERED, after.status());
        assertEquals("deliver", after.rawStatus());
        assertEquals(id, after.providerMessageId());
        assertEquals("webcom", after.provider());
        // time_change_state is Moscow time to the second; the sandbox settles 30 s after acceptance
        Instant accepted = webcom().accepted().get(0).acceptedAt();
        assertEquals(accepted.plusSeconds(30).getEpochSecond(), after.statusAt().getEpochSecond());
        assertNull(after.detail());
    }

    @Test
    void manyIdsWithDetailMapEveryOutcome() throws Exception {
        webcom().outcome("79612242244", "not_deliver").outcome("79612242245", "partly_deliver");
        SendResult sent = send(
                SmsMessage.to("+79612242243").text("a".repeat(200)).externalId("1").build(),
                SmsMessage.to("+79612242244").text("b").externalId("2").build(),
                SmsMessage.to("+79612242245").text("c").externalId("3").build(),
                SmsMessage.to("+79612242246").text("v").externalId("4").option("type_send_1", "viber").build(),
                SmsMessage.to("+79612242247").text("e").externalId("5").validity(Duration.ofSeconds(10)).build());
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(5));

        List<DeliveryReport> reports = status("webcom:status?detail=true", sent);

        var request = webcom().lastRequests().get(1).json();
        assertTrue(request.get("id_sms").isArray());
        assertEquals(5, request.get("id_sms").size());
        assertEquals(1, request.get("detail").asInt());
        assertEquals(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED, DeliveryStatus.SENT, DeliveryStatus.READ,
                DeliveryStatus.EXPIRED), reports.stream().map(DeliveryReport::status).toList());
        assertEquals(List.of("deliver", "not_deliver", "partly_deliver", "read", "expired"),
                reports.stream().map(DeliveryReport::rawStatus).toList());
        assertEquals("num_parts=2, price=5.00", reports.get(0).detail());
    }

    @Test
    void theBalanceIsTyped() throws Exception {
        WebcomBalance balance = template.requestBody("webcom:balance", null, WebcomBalance.class);

        assertEquals(Json.MAPPER.readTree("{\"login\":\"sandbox\",\"password\":\"sandbox-password\"}"),
                webcom().lastRequests().get(0).json());
        assertEquals("/json/balance.php", webcom().lastRequests().get(0).path());
        assertEquals(new BigDecimal("19023.9"), balance.money());
        assertEquals("RUR", balance.currency());
        assertTrue(balance.information().get(0).numSms().isUnlimited());
        assertEquals(1200L, balance.information().get(1).numSms().count());
        assertEquals("viber", balance.information().get(1).typeSms());
    }

    @Test
    void numSmsAcceptsANumberAStringNumberOrUnlim() throws Exception {
        WebcomBalance balance = Json.MAPPER.readValue("""
                {"money":"0.5","currency":"RUR","information":[{"type_sms":"sms","area":"Russia","num_sms":"Unlim"},
                 {"type_sms":"sms","area":"Kazakhstan","num_sms":"15"},{"type_sms":"viber","area":"Russia","num_sms":7}]}
                """, WebcomBalance.class);
        assertTrue(balance.information().get(0).numSms().isUnlimited());
        assertEquals(15L, balance.information().get(1).numSms().count());
        assertEquals(7L, balance.information().get(2).numSms().count());
        assertEquals(new BigDecimal("0.5"), balance.money());
    }
}
