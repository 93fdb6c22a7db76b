package io.camelsms.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestIndexTest {

    /** Random adds and removes against a plain multimap, on few keys (long probe runs, repeated keys) and many. */
    @Test
    void answersAsAMultimapThroughGrowthShrinkingAndRemovals() {
        for (int keySpace : new int[] {2_000, 50_000, Integer.MAX_VALUE}) {
            Random random = new Random(keySpace);
            DigestIndex index = new DigestIndex();
            Map<Long, List<Integer>> expected = new HashMap<>();
            List<long[]> entries = new ArrayList<>();
            for (int step = 0; step < 60_000; step++) {
                boolean add = entries.isEmpty() || random.nextInt(100) < (step < 30_000 ? 70 : 25);
                if (add) {
                    long key = keySpace == Integer.MAX_VALUE ? random.nextLong() : random.nextInt(keySpace) * 31L;
                    int value = 1 + random.nextInt(1_000);
                    index.add(key, value);
                    expected.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                    entries.add(new long[] {key, value});
                } else {
                    long[] entry = entries.remove(random.nextInt(entries.size()));
                    assertTrue(index.remove(entry[0], (int) entry[1]));
                    expected.get(entry[0]).remove(Integer.valueOf((int) entry[1]));
                }
                if (step % 4_999 == 0) {
                    assertSame(expected, index);
                }
            }
            assertSame(expected, index);
            assertEquals(entries.size(), index.size());
        }
    }

    @Test
    void removesOnlyTheEntryAskedFor() {
        DigestIndex index = new DigestIndex();
        index.add(7, 1);
        index.add(7, 2);
        assertFalse(index.remove(7, 3));
        assertFalse(index.remove(8, 1));
        assertTrue(index.remove(7, 1));
        List<Integer> left = new ArrayList<>();
        index.forEach(7, left::add);
        assertEquals(List.of(2), left);
    }

    @Test
    void refusesAValueThatWouldMarkAFreeSlot() {
        assertThrows(IllegalArgumentException.class, () -> new DigestIndex().add(1, 0));
    }

    private static void assertSame(Map<Long, List<Integer>> expected, DigestIndex index) {
        expected.forEach((key, values) -> {
            List<Integer> found = new ArrayList<>();
            index.forEach(key, found::add);
            assertEquals(values.stream().sorted().toList(), found.stream().sorted().toList(), "key " + key);
        });
    }
}
