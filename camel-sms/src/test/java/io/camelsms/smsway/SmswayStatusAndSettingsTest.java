package io.camelsms.smsway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsValidationException;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.smsway.model.SmswaySms;
import io.camelsms.smsway.model.SmswayState;
import io.camelsms.smsway.model.SmswayUserInfo;
import io.camelsms.smsway.model.SmswayUserUpdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmswayStatusAndSettingsTest extends SmswayTestSupport {

    @Test
    void lastIsAGetWithAJsonBodyAndMapsTheStatesAsTheClockMoves() {
        SANDBOX.sandbox().clock().freeze();
        smsway().failDelivery("393802222222", SmswayState.DEVICE_RADIO_OFF.code());
        template.sendBody("smsway:send", SmsMessage.to("+393801111111").text("first").build());
        template.sendBody("smsway:send", SmsMessage.to("+393802222222").text("second").build());

        List<DeliveryReport> now = last("smsway:last");
        SmsWaySimulator.Request request = requests().get(requests().size() - 1);
        assertEquals("GET", request.method());
        assertEquals("/remote/smsgetlast", request.path());
        assertEquals("tokenapi=" + SmsWaySimulator.DEFAULT_TOKENAPI, request.cookie());
        assertEquals(json("{\"qty\":10}"), json(request.body()));
        assertEquals(List.of("393802222222", "393801111111"), now.stream().map(DeliveryReport::recipient).toList(),
                "latest first");
        assertEquals(List.of(DeliveryStatus.ACCEPTED, DeliveryStatus.ACCEPTED),
                now.stream().map(DeliveryReport::status).toList());

        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(3));
        DeliveryReport sent = last("smsway:last").get(1);
        assertEquals(DeliveryStatus.SENT, sent.status());
        assertEquals("3", sent.rawStatus());
        assertEquals("sms sent", sent.detail());

        SANDBOX.sandbox().clock().advance(Duration.ofSeconds(6));
        List<DeliveryReport> later = last("smsway:last");
        assertEquals(DeliveryStatus.FAILED, later.get(0).status());
        assertEquals("7", later.get(0).rawStatus());
        assertEquals(DeliveryStatus.DELIVERED, later.get(1).status());
        assertEquals(smsway().messages().get(0).tsdelivered().toEpochMilli(), later.get(1).statusAt().toEpochMilli(),
                "tsdelivered, epoch milliseconds on the wire");
        assertEquals(later.get(1).providerMessageId(), sent.providerMessageId(), "the same message keeps its key");
    }

    @Test
    void qtyComesFromTheHeaderAndIsCheckedAgainstTheDocumentsMaximum() {
        for (int i = 0; i < 3; i++) {
            template.sendBody("smsway:send", SmsMessage.to("+39380111111" + i).text("m" + i).build());
        }

        Exchange two = template.request("smsway:last?apiKeyPlacement=body",
                e -> e.getMessage().setHeader(SmswayConstants.QTY, 2));

        assertEquals(json("{\"tokenapi\":\"" + SmsWaySimulator.DEFAULT_TOKENAPI + "\",\"qty\":2}"),
                json(requests().get(3).body()));
        assertEquals(2, two.getMessage().getBody(List.class).size());
        @SuppressWarnings("unchecked")
        List<SmswaySms> entries = two.getMessage().getHeader(SmswayConstants.ENTRIES, List.class);
        assertEquals("m2", entries.get(0).smstext());
        assertNotNull(entries.get(0).tsreq());

        SmsValidationException e = failure(SmsValidationException.class, "smsway:last?qty=101", null);
        assertEquals("qty", e.getViolations().get(0).field());
        assertEquals(4, smsway().requestCount(), "an over-maximum qty never left");
    }

    @Test
    void everyDocumentedStateIsMappedAndTheRawStateKept() {
        Map<Integer, DeliveryStatus> expected = Map.of(1, DeliveryStatus.ACCEPTED, 2, DeliveryStatus.FAILED,
                3, DeliveryStatus.SENT, 4, DeliveryStatus.FAILED, 5, DeliveryStatus.FAILED, 6, DeliveryStatus.FAILED,
                7, DeliveryStatus.FAILED, 8, DeliveryStatus.DELIVERED, 9, DeliveryStatus.CANCELLED,
                10, DeliveryStatus.FAILED);
        expected.forEach((state, status) -> {
            DeliveryReport report = SmswayProducer.report(new SmswaySms("393801234567", 1592999866000L, null, 1,
                    "sms body text", state));
            assertEquals(status, report.status(), "state " + state);
            assertEquals(String.valueOf(state), report.rawStatus());
            assertEquals(Instant.ofEpochMilli(1592999866000L), report.statusAt(), "tsreq while tsdelivered is null");
        });
        DeliveryReport odd = SmswayProducer.report(new SmswaySms("393801234567", 1L, 2L, 0, "x", 42));
        assertEquals(DeliveryStatus.UNKNOWN, odd.status());
        assertEquals("42", odd.rawStatus());
        assertEquals(Instant.ofEpochMilli(2L), odd.statusAt());
    }

    @Test
    void theMatchingRuleFindsASentMessageAndShowsWhenItIsAmbiguous() {
        SANDBOX.sandbox().clock().freeze();
        SendResult result = template.requestBody("smsway:send", SmsMessage.to("+393801234567").text("code 1234")
                .externalId("otp-1").build(), SendResult.class);
        template.sendBody("smsway:send", SmsMessage.to("+393801234567").text("another text").build());
        @SuppressWarnings("unchecked")
        Instant sentAt = ((Map<String, Instant>) result.details().get(SmswayProducer.REQUESTED_AT)).get("otp-1");
        Exchange polled = template.request("smsway:last", e -> { });
        @SuppressWarnings("unchecked")
        List<SmswaySms> entries = polled.getMessage().getHeader(SmswayConstants.ENTRIES, List.class);

        SmswayStatusMatch match = SmswayStatusMatch.withDefaultWindow();
        SmswaySms found = match.find("393801234567", "code 1234", sentAt, entries).orElseThrow();
        assertEquals("code 1234", found.smstext());
        assertTrue(match.find("393809999999", "code 1234", sentAt, entries).isEmpty());
        assertTrue(match.find("393801234567", "code 1234", sentAt.plus(Duration.ofMinutes(5)), entries).isEmpty());

        template.sendBody("smsway:send", SmsMessage.to("+393801234567").text("code 1234").build());
        List<SmswaySms> again = template.request("smsway:last", e -> { }).getMessage()
                .getHeader(SmswayConstants.ENTRIES, List.class);
        assertEquals(2, match.candidates("393801234567", "code 1234", sentAt, again).size(),
                "two identical texts to one number within the window cannot be told apart");
    }

    @Test
    void userinfoIsAGetWithTheCookieAndComesBackTyped() {
        smsway().quotas(30, 600, 5000).prefixwhite("39,1,44,");

        SmswayUserInfo info = template.requestBody("smsway:userinfo", null, SmswayUserInfo.class);

        SmsWaySimulator.Request request = requests().get(0);
        assertEquals("GET", request.method());
        assertEquals("/remote/userinfo", request.path());
        assertEquals("tokenapi=" + SmsWaySimulator.DEFAULT_TOKENAPI, request.cookie());
        assertEquals("", request.body());
        assertEquals(SmsWaySimulator.DEFAULT_MOBILEPHONE, info.mobilephone());
        assertEquals(-1, info.sim());
        assertEquals("it", info.localeiso2());
        assertEquals(30, info.maxmin());
        assertEquals(600, info.maxhour());
        assertEquals(5000, info.maxday());
        assertEquals(List.of("39", "1", "44"), info.prefixwhite());
        assertEquals(List.of(), info.ipv4grant());
    }

    @Test
    void anUpdateSendsOnlyTheFieldsSet() {
        template.sendBody("smsway:updateUserinfo", SmswayUserUpdate.builder().maxmin(5).prefixwhite(List.of()).build());

        assertEquals(json("{\"maxmin\":5,\"prefixwhite\":\"\"}"), json(requests().get(0).body()));
        assertEquals(5, smsway().settings().get("maxmin"));
        assertEquals(0, smsway().settings().get("maxday"), "untouched");

        template.sendBody("smsway:updateUserinfo?apiKeyPlacement=body", Map.of("maxday", 100));
        assertEquals(json("{\"tokenapi\":\"" + SmsWaySimulator.DEFAULT_TOKENAPI + "\",\"maxday\":100}"),
                json(requests().get(1).body()));
    }

    @Test
    void aBadUpdateNeverLeavesAndAWrongIpv4grantLocksTheAccountOut() {
        SmsValidationException bad = failure(SmsValidationException.class, "smsway:updateUserinfo",
                SmswayUserUpdate.builder().ipv4grant(List.of("192.168.10.300")).build());
        assertEquals("ipv4grant", bad.getViolations().get(0).field());
        failure(SmsValidationException.class, "smsway:updateUserinfo", SmswayUserUpdate.builder().build());
        assertEquals(0, smsway().requestCount());

        template.sendBody("smsway:updateUserinfo", SmswayUserUpdate.builder().ipv4grant(List.of("10.9.8.7")).build());

        SmsProviderException locked = failure(SmsProviderException.class, "smsway:userinfo", null);
        assertEquals("-25", locked.getProviderCode());
    }

    @SuppressWarnings("unchecked")
    private List<DeliveryReport> last(String uri) {
        return template.requestBody(uri, null, List.class);
    }
}
