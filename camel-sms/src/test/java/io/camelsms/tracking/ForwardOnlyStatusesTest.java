package io.camelsms.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.EventLedger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tracker every push and poll consumer shares: a report that would take a status back is never emitted, only
 * counted; a repeat is not news and not counted; a final message is never expired.
 */
class ForwardOnlyStatusesTest {

    private static final Instant SENT_AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path data;
    private JdbcTrackingStore store;
    private DeliveryTracker tracker;

    @BeforeEach
    void open() {
        store = JdbcTrackingStore.embeddedH2(data);
        store.recordAccepted(List.of(TrackedMessage.accepted("p", "acct", "order-1", "111", "m-1", "c-1", SENT_AT)));
        // 73 hours after the send: past the default tracking age
        tracker = new DeliveryTracker("p", "acct", store, Clock.fixed(SENT_AT.plus(Duration.ofHours(73)),
                ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.stop();
    }

    private Optional<DeliveryStatus> emitted(DeliveryStatus status, String raw) {
        Optional<EventLedger.Entry<DeliveryReport>> news = tracker.news(new DeliveryReport("p", "m-1", null, null,
                null, status, raw, null, null));
        news.ifPresent(EventLedger.Entry::record);
        return news.map(entry -> entry.event().status());
    }

    @Test
    void aFinalStatusIsNeverReportedAgainWithAnotherAndNeverExpires() {
        assertEquals(Optional.of(DeliveryStatus.SENT), emitted(DeliveryStatus.SENT, "send"));
        assertEquals(Optional.empty(), emitted(DeliveryStatus.QUEUED, "queued"), "back to queued");
        assertEquals(Optional.of(DeliveryStatus.DELIVERED), emitted(DeliveryStatus.DELIVERED, "deliver"));
        assertEquals(Optional.empty(), emitted(DeliveryStatus.DELIVERED, "deliver"), "a repeat");
        assertEquals(Optional.empty(), emitted(DeliveryStatus.FAILED, "not_deliver"), "late or forged");
        assertEquals(Optional.empty(), emitted(DeliveryStatus.EXPIRED, "expired"));
        assertEquals(List.of(), tracker.expired(Duration.ofHours(72), 10), "a delivered message never expires");
        assertEquals(Optional.of(DeliveryStatus.READ), emitted(DeliveryStatus.READ, "read"), "delivered, then read");
        assertEquals(Optional.empty(), emitted(DeliveryStatus.DELIVERED, "deliver"));

        assertEquals(4, tracker.ignoredReports(), "queued, failed, expired and delivered after read; not the repeat");
        assertEquals(DeliveryStatus.READ, store.findByProviderMessageId("p", "acct", "m-1").orElseThrow().status());
    }

    @Test
    void anotherAccountsTrackerNeitherReportsNorExpiresTheMessage() {
        DeliveryTracker other = new DeliveryTracker("p", "other", store, Clock.fixed(
                SENT_AT.plus(Duration.ofHours(73)), ZoneOffset.UTC));
        assertEquals(Optional.empty(), other.news(new DeliveryReport("p", "m-1", null, null, null,
                DeliveryStatus.DELIVERED, "deliver", null, null)));
        assertEquals(List.of(), other.expired(Duration.ofHours(72), 10));
        assertEquals(1, tracker.expired(Duration.ofHours(72), 10).size(), "its own account's tracker expires it");
    }
}
