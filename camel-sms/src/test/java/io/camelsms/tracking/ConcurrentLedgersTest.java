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

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A push and a poll (two ledgers on one store) never route the same change at once, and lose none. */
class ConcurrentLedgersTest {

    @TempDir
    static Path data;
    static JdbcTrackingStore store;

    @BeforeAll
    static void open() {
        store = JdbcTrackingStore.embeddedH2(data);
        store.recordAccepted(List.of(TrackedMessage.accepted("p", "acct", "order-1", "111", "m-1", "c-1",
                Instant.now())));
    }

    @AfterAll
    static void close() {
        store.stop();
    }

    @Test
    void aChangeHeldByOneConsumerIsNotNewsToTheOtherUntilReleasedOrRecorded() {
        DeliveryTracker push = new DeliveryTracker("p", "acct", store, Clock.systemUTC());
        DeliveryTracker poll = new DeliveryTracker("p", "acct", store, Clock.systemUTC());
        DeliveryReport delivered = new DeliveryReport("p", "m-1", null, null, null, DeliveryStatus.DELIVERED,
                "delivered", null, null);

        EventLedger.Entry<DeliveryReport> pushing = push.news(delivered).orElseThrow();
        assertTrue(poll.news(delivered).isEmpty(), "the push is routing it");
        pushing.release(); // the push's route failed
        EventLedger.Entry<DeliveryReport> polling = poll.news(delivered).orElseThrow();
        assertTrue(push.news(delivered).isEmpty(), "now the poll is routing it");
        polling.record();
        assertTrue(push.news(delivered).isEmpty(), "recorded: never news again");
        assertTrue(poll.news(delivered).isEmpty());
    }

    @Test
    void theSameForReplies() {
        ReplyLedger push = new ReplyLedger("p", "acct", store);
        ReplyLedger poll = new ReplyLedger("p", "acct", store);
        InboundMessage reply = new InboundMessage("p", "m-1", null, "111", "SIM", null, Instant.EPOCH, null);

        EventLedger.Entry<InboundMessage> pushing = push.news(reply).orElseThrow();
        assertTrue(poll.news(reply).isEmpty());
        pushing.release();
        poll.news(reply).orElseThrow().record();
        assertTrue(push.news(reply).isEmpty());
    }
}
