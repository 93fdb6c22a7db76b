package io.camelsms.pwapi;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.camel.BindToRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackedMessage;

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
}
