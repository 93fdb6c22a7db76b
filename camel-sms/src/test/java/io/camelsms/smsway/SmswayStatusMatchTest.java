package io.camelsms.smsway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import io.camelsms.smsway.model.SmswaySms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one matching rule on its own: the synthetic id, the window, and pairing of identical texts. */
class SmswayStatusMatchTest extends CamelTestSupport {

    static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");
    final SmswayStatusMatch match = SmswayStatusMatch.withDefaultWindow();

    static SmswaySms entry(String recipient, String text, Instant tsreq, int state) {
        return new SmswaySms(recipient, tsreq.toEpochMilli(), null, 0, text, state);
    }

    @Test
    void theIdCarriesTheSendTimeAndAnEntryRecomputesItsDigest() {
        String id = SmswayStatusMatch.messageId("393801234567", "hello", SENT);
        assertEquals(SENT, SmswayStatusMatch.sentAt(id).orElseThrow());
        // the provider's clock 40 s ahead of ours: within the 2-minute window
        assertTrue(match.matches(id, entry("393801234567", "hello", SENT.plusSeconds(40), 1)));
        assertFalse(match.matches(id, entry("393801234567", "hello", SENT.plus(Duration.ofMinutes(3)), 1)));
        assertFalse(match.matches(id, entry("393801234568", "hello", SENT, 1)));
        assertFalse(match.matches(id, entry("393801234567", "hello!", SENT, 1)));
        assertFalse(match.matches(id, new SmswaySms("393801234567", null, null, 0, "hello", 1)));
        assertTrue(SmswayStatusMatch.sentAt("not-an-id").isEmpty());
        assertFalse(match.matches("not-an-id", entry("393801234567", "hello", SENT, 1)));
    }

    @Test
    void aTextOver160IsComparedAsTheProviderKeepsIt() {
        String text = "x".repeat(170);
        String id = SmswayStatusMatch.messageId("393801234567", text, SENT);
        assertTrue(match.matches(id, entry("393801234567", "x".repeat(160), SENT, 3)));
    }

    @Test
    void aTextWithBareLineBreaksMatchesTheCrLfTheProviderWasSent() {
        String id = SmswayStatusMatch.messageId("393801234567", "a\nb", SENT);
        assertTrue(match.matches(id, entry("393801234567", "a\r\nb", SENT, 3)));
    }

    @Test
    void identicalTextsToOneNumberGetOneEntryEachClosestInTime() {
        String first = SmswayStatusMatch.messageId("393801234567", "code", SENT);
        String second = SmswayStatusMatch.messageId("393801234567", "code", SENT.plusSeconds(3));
        // the provider's clock 500 ms behind ours; latest first, as smsgetlast answers
        SmswaySms secondEntry = entry("393801234567", "code", SENT.plusMillis(2_500), 1);
        SmswaySms firstEntry = entry("393801234567", "code", SENT.minusMillis(500), 8);
        Map<String, SmswaySms> paired = match.pair(List.of(second, first), List.of(secondEntry, firstEntry));
        assertEquals(Map.of(first, firstEntry, second, secondEntry), paired);

        // the first already final (not open any more): the second still takes its own entry
        assertEquals(Map.of(second, secondEntry), match.pair(List.of(second), List.of(secondEntry, firstEntry)));
        // one entry is never given to two messages
        assertEquals(1, match.pair(List.of(first, second), List.of(firstEntry)).size());
    }

    @Test
    void dlrIsAConsumerOnlyAndNeedsATrackingStore() {
        context.getComponent("smsway", SmswayComponent.class).getConfiguration().setTokenapi("key");
        assertThrows(UnsupportedOperationException.class,
                () -> context.getEndpoint("smsway:dlr").createProducer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> context.getEndpoint("smsway:dlr").createConsumer(exchange -> { }));
        assertTrue(e.getMessage().contains("needs a tracking store"), e.getMessage());
        assertThrows(UnsupportedOperationException.class,
                () -> context.getEndpoint("smsway:send").createConsumer(exchange -> { }));
    }
}
