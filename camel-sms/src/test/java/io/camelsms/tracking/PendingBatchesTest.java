package io.camelsms.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingBatchesTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void findsEachIdInItsBatchAndPartAndForgetsARemovedBatch() {
        PendingBatches pending = new PendingBatches();
        PendingBatches.Batch first = add(pending, "b1", "pwapi", 0, 2_500);
        add(pending, "b2", "pwapi", 2_500, 10);
        add(pending, "b3", "smsclouds", 0, 10); // the same ids at another provider

        assertEquals(Set.of(new PendingBatches.PartKey(1, "b1", 0), new PendingBatches.PartKey(1, "b1", 2),
                new PendingBatches.PartKey(2, "b2", 0)), pending.partsOf("pwapi", List.of("id-5", "id-2400", "id-2505")));
        assertEquals(Set.of(new PendingBatches.PartKey(3, "b3", 0)), pending.partsOf("smsclouds", List.of("id-5")));
        assertTrue(pending.partsOf("pwapi", List.of("id-99999", "other")).isEmpty());

        pending.remove(first, true);
        assertEquals(Set.of(new PendingBatches.PartKey(2, "b2", 0)),
                pending.partsOf("pwapi", List.of("id-5", "id-2400", "id-2505")));
        assertEquals(2_510 - 2_500 + 10, pending.messageCount());
    }

    /** Part numbers run out after two billion parts: what is pending then is numbered again from the start. */
    @Test
    void keepsFindingEveryPendingIdWhenPartNumbersWrapAround() {
        PendingBatches pending = new PendingBatches(Integer.MAX_VALUE - 5);
        List<PendingBatches.Batch> batches = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            batches.add(add(pending, "b" + b, "pwapi", b * 1_500, 1_500)); // two parts each
        }
        pending.remove(batches.get(1), true);
        for (int b = 0; b < 6; b++) {
            Set<String> batchKeys = pending.partsOf("pwapi", List.of("id-" + (b * 1_500 + 1_200))).stream()
                    .map(PendingBatches.PartKey::batchKey).collect(Collectors.toSet());
            assertEquals(b == 1 ? Set.of() : Set.of("b" + b), batchKeys, "batch " + b);
        }
    }

    private static PendingBatches.Batch add(PendingBatches pending, String key, String provider, int from, int count) {
        List<TrackedMessage> accepted = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            accepted.add(TrackedMessage.accepted(provider, "acct", "id-" + i, "+5511999" + i, "p-" + i, null, T0));
        }
        return pending.add(key, PendingBatches.parts(accepted), accepted.size());
    }
}
