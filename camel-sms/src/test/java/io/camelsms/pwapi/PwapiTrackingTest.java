package io.camelsms.pwapi;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.BindToRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.SendJob;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackedMessage;
import io.camelsms.tracking.UnknownSend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PwapiTrackingTest extends PwapiTestSupport {

    @TempDir
    static Path data;

    @BindToRegistry("trackingStore")
    private final JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data);

    @Test
    void acceptedMessagesAreRecordedInTheAutowiredStore() {
        template.sendBody("pwapi:send", List.of(
                SmsMessage.to("+5521988887777").text("a").externalId("row-1").build(),
                SmsMessage.to("bad").text("b").externalId("row-2").build(),
                SmsMessage.to("+5511912345678").text("c").externalId("row-3").build()));

        assertEquals(Set.of("row-1", "row-3"),
                store.earlierContent("pwapi", List.of("row-1", "row-2", "row-3")).keySet());
        String account = context.getComponent("pwapi", PwapiComponent.class).getConfiguration().trackingAccount();
        assertTrue(account.startsWith("sha256:"));
        assertFalse(account.contains(pwapi().accepted().get(0).idExtern()));
        List<TrackedMessage> open = store.openMessages("pwapi", account, 100).stream()
                .filter(m -> m.externalId().startsWith("row-")).toList(); // the store is shared by this class's tests
        assertEquals(List.of("55(21)988887777", "55(11)912345678"), open.stream().map(TrackedMessage::recipient).toList());
        assertEquals(DeliveryStatus.ACCEPTED, open.get(0).status());
    }

    @Test
    void batchesAreRecordedAsTheyAreAcceptedSoAFailedLaterBatchLeavesTheEarlierOnesRecorded() {
        pwapi().faults().failAfter(1, 1, Fault.code("009"));
        template.sendBody("pwapi:send?batchSize=1", List.of(
                SmsMessage.to("+5521988887777").text("a").externalId("b-1").build(),
                SmsMessage.to("+5521988887777").text("b").externalId("b-2").build()));

        assertEquals(Set.of("b-1"), store.earlierContent("pwapi", List.of("b-1", "b-2")).keySet());
    }

    @Test
    void trackingCanBeSwitchedOffPerEndpoint() {
        template.sendBody("pwapi:send?tracking=false",
                SmsMessage.to("+5521988887777").text("a").externalId("off-1").build());
        assertEquals(Set.of(), store.earlierContent("pwapi", List.of("off-1")).keySet());
        assertEquals(1, pwapi().acceptedCount());
    }

    @Test
    void aBatchLeftInFlightByAStoppedProcessIsUnknownAndNotSentWhileSettledBatchesLeaveNoMark() {
        pwapi().faults().failAfter(1, 1, Fault.code("009"));
        template.sendBody("pwapi:send?batchSize=1", List.of(
                SmsMessage.to("+5521988887777").text("a").externalId("f-1").build(),
                SmsMessage.to("+5521988887777").text("b").externalId("f-2").build()));
        assertEquals(Map.of(), store.unknownExternalIds("pwapi", List.of("f-1", "f-2")),
                "accepted and refused batches drop their in-flight marks");

        SendResult again = template.requestBody("pwapi:send",
                SmsMessage.to("+5521988887777").text("b").externalId("f-2").build(), SendResult.class);
        assertEquals(1, again.acceptedCount(), "a refused message is sent when asked again");

        // what a process killed during the request leaves: the mark, no outcome
        String account = context.getComponent("pwapi", PwapiComponent.class).getConfiguration().trackingAccount();
        store.recordInFlight("killed", List.of(new UnknownSend("pwapi", account, "f-3", "55(21)988887777",
                SendJob.IN_FLIGHT_REASON, Instant.now())));
        long received = pwapi().acceptedCount();
        SendResult resumed = template.requestBody("pwapi:send",
                SmsMessage.to("+5521988887777").text("c").externalId("f-3").build(), SendResult.class);

        assertEquals(1, resumed.unknownCount());
        assertTrue(resumed.unknown().get(0).reason().contains(SendJob.IN_FLIGHT_REASON), resumed.toString());
        assertEquals(received, pwapi().acceptedCount(), "not sent again");
    }
}
