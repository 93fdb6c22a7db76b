package io.camelsms.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchesTest {

    @Test
    void splitsIntoViewsOfAtMostTheSize() {
        List<Integer> items = IntStream.range(0, 45_000).boxed().toList();
        List<List<Integer>> batches = Batches.of(items, 20_000);
        assertEquals(List.of(20_000, 20_000, 5_000), batches.stream().map(List::size).toList());
        assertEquals(40_000, batches.get(2).get(0));
        assertEquals(List.of(), Batches.of(List.of(), 10));
        assertThrows(IllegalArgumentException.class, () -> Batches.of(items, 0));
    }

    @Test
    void batchesAreViewsNotCopies() {
        List<String> items = new ArrayList<>(List.of("a", "b", "c"));
        String b = items.get(1);
        assertSame(b, Batches.of(items, 2).get(0).get(1));
        items.set(2, "z");
        assertEquals(List.of("z"), Batches.of(items, 2).get(1), "a view sees the list, so nothing was copied");
    }
}
