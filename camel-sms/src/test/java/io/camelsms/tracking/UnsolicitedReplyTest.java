package io.camelsms.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.EventLedger;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsHeaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Replies count only for numbers we sent to, within the reply window; the others are still emitted, flagged
 * {@code CamelSmsUnsolicited=true}, never dropped.
 */
class UnsolicitedReplyTest {

    private static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Map<String, Object> UNSOLICITED = Map.of(SmsHeaders.UNSOLICITED, Boolean.TRUE);

    @TempDir
    static Path data;
    static JdbcTrackingStore store;

    @BeforeAll
    static void open() {
        store = JdbcTrackingStore.embeddedH2(data);
        store.start();
        store.recordAccepted(List.of(TrackedMessage.accepted("p", "acct", "cust-1", "21988887777", null, "camp-1",
                SENT)));
    }

    @AfterAll
    static void close() {
        store.stop();
    }

    private static EventLedger.Entry<InboundMessage> news(ReplyLedger ledger, String from, String text, Instant at) {
        return ledger.news(new InboundMessage("p", null, "camp-1", from, text, null, at, null)).orElseThrow();
    }

    @Test
    void aReplyWithinTheWindowFromANumberWeSentToIsSolicited() {
        ReplyLedger ledger = new ReplyLedger("p", "acct", store, Duration.ofDays(7), Clock.fixed(SENT, ZoneOffset.UTC));
        EventLedger.Entry<InboundMessage> entry = news(ledger, "21988887777", "SIM", SENT.plus(Duration.ofDays(6)));
        assertEquals("cust-1", entry.event().externalId());
        assertEquals(Map.of(), entry.headers());
    }

    @Test
    void aReplyFromANumberWeNeverSentToIsEmittedFlaggedUnsolicited() {
        ReplyLedger ledger = new ReplyLedger("p", "acct", store, Duration.ofDays(7), Clock.fixed(SENT, ZoneOffset.UTC));
        EventLedger.Entry<InboundMessage> entry = news(ledger, "21900000000", "NAO, cancelem minha conta",
                SENT.plusSeconds(60));
        assertNull(entry.event().externalId());
        assertEquals(UNSOLICITED, entry.headers());
    }

    @Test
    void aReplyAfterTheWindowIsUnsolicitedUnlessTheWindowIsUnlimited() {
        Instant late = SENT.plus(Duration.ofDays(8));
        ReplyLedger weekly = new ReplyLedger("p", "acct", store, Duration.ofDays(7), Clock.fixed(SENT, ZoneOffset.UTC));
        assertEquals(UNSOLICITED, news(weekly, "21988887777", "late", late).headers());

        ReplyLedger unlimited = new ReplyLedger("p", "acct", store, Duration.ZERO, Clock.fixed(SENT, ZoneOffset.UTC));
        assertEquals(Map.of(), news(unlimited, "21988887777", "late again", late).headers());
    }
}
