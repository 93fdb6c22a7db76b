package io.camelsms.core;

import java.util.AbstractList;
import java.util.List;

/** Splitting a list of messages into the provider's maximum per request, without copying it. */
public final class Batches {

    private Batches() {
    }

    /**
     * Consecutive views of at most {@code size} elements each; the last may be shorter. The views are
     * {@link List#subList} windows over the original list, so splitting a million messages allocates
     * one small object per batch, not a copy.
     */
    public static <T> List<List<T>> of(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + size);
        }
        return new AbstractList<>() {
            @Override
            public List<T> get(int index) {
                int from = index * size;
                return items.subList(from, Math.min(from + size, items.size()));
            }

            @Override
            public int size() {
                return (items.size() + size - 1) / size;
            }
        };
    }
}
