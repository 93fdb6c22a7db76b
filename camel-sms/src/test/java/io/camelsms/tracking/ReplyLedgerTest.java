package io.camelsms.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.EventLedger;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyLedgerTest {

    @TempDir
    static Path data;
    static JdbcTrackingStore store;

    @BeforeAll
    static void open() {
        store = JdbcTrackingStore.embeddedH2(data);
        store.start();
        Instant now = Instant.now();
        store.recordAccepted(List.of(
                TrackedMessage.accepted("p", "acct", "customer-7", "4498987282", "msg-1", "camp-1", now),
                TrackedMessage.accepted("p", "acct", "customer-8", "4498987283", null, "camp-2", now)));
    }

    @AfterAll
    static void close() {
        store.stop();
    }

    private static InboundMessage reply(String messageId, String campaign, String from, String text) {
        return new InboundMessage("p", messageId, campaign, from, text, null, Instant.parse("2026-11-22T12:00:00Z"), null);
    }

    @Test
    void aReplyCarriesTheOriginalExternalIdAndCampaignAndIsEmittedOnce() {
        ReplyLedger ledger = new ReplyLedger("p", "acct", store);

        EventLedger.Entry<InboundMessage> byId = ledger.news(reply("msg-1", null, "4498987282", "STOP")).orElseThrow();
        assertEquals("customer-7", byId.event().externalId());
        assertEquals("camp-1", byId.event().campaignId());

        InboundMessage byCampaign = ledger.news(reply(null, "camp-2", "4498987283", "SIM")).orElseThrow().event();
        assertEquals("customer-8", byCampaign.externalId());

        InboundMessage stranger = ledger.news(reply(null, "camp-2", "4400000000", "hi")).orElseThrow().event();
        assertNull(stranger.externalId(), "a reply that matches nothing is still emitted, uncorrelated");

        assertTrue(ledger.news(reply("msg-1", null, "4498987282", "STOP")).isEmpty(), "held while being routed");
        byId.release(); // its route failed
        byId = ledger.news(reply("msg-1", null, "4498987282", "STOP")).orElseThrow();
        byId.record();
        assertTrue(ledger.news(reply("msg-1", null, "4498987282", "STOP")).isEmpty(), "never again once recorded");
    }

    @Test
    void theCombinedLedgerSendsReportsToTheTrackerAndRepliesToTheReplyLedger() {
        TrackingLedger ledger = new TrackingLedger("p", "acct", store, Clock.systemUTC());
        SmsEvent report = new DeliveryReport("p", "msg-1", null, null, null, DeliveryStatus.DELIVERED, "delivered",
                null, null);

        EventLedger.Entry<SmsEvent> entry = ledger.news(report).orElseThrow();
        assertEquals("customer-7", entry.event().externalId());
        entry.record();
        assertTrue(ledger.news(report).isEmpty(), "the same change pushed again (or polled) is not news");
        assertTrue(ledger.news(reply("msg-1", null, "4498987282", "thanks")).isPresent());
    }
}
