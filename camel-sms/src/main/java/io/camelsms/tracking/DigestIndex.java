package io.camelsms.tracking;

import java.util.function.IntConsumer;

/**
 * A multimap from 64-bit digests to positive ints in two flat arrays (open addressing, linear probing): 12 bytes a
 * slot, one probe sequence a look-up, whatever the number of entries. Not thread-safe.
 *
 * <p>Why not a {@code HashMap<Long, ...>}: at a million pending messages it would hold a million boxed keys and
 * nodes, several times the memory, for what the send path asks once per external id.
 */
final class DigestIndex {

    private static final int MIN_CAPACITY = 1 << 10;

    private long[] keys = new long[MIN_CAPACITY];
    /** 0 marks a free slot: values are positive. */
    private int[] values = new int[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    void add(long key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("value must be positive: " + value);
        }
        if (size + 1 > keys.length * 3 / 4) {
            resize(keys.length * 2);
        }
        insert(key, value);
        size++;
    }

    /** Gives every value stored under {@code key}. */
    void forEach(long key, IntConsumer action) {
        int mask = keys.length - 1;
        for (int i = home(key, mask); values[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                action.accept(values[i]);
            }
        }
    }

    /** Removes one entry of this key and value; whether there was one. */
    boolean remove(long key, int value) {
        int mask = keys.length - 1;
        for (int i = home(key, mask); values[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key && values[i] == value) {
                free(i, mask);
                size--;
                if (keys.length > MIN_CAPACITY && size < keys.length / 8) {
                    resize(keys.length / 2);
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Empties slot {@code i} and moves back the entries after it that could no longer be reached (deletion without
     * tombstones, so look-ups stay short however many entries come and go).
     */
    private void free(int i, int mask) {
        int gap = i;
        for (int j = (gap + 1) & mask; values[j] != 0; j = (j + 1) & mask) {
            int wanted = home(keys[j], mask);
            // the entry at j may move to the gap unless its home lies cyclically in (gap, j]
            boolean homeBetween = gap <= j ? gap < wanted && wanted <= j : gap < wanted || wanted <= j;
            if (!homeBetween) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        values[gap] = 0;
    }

    private void insert(long key, int value) {
        int mask = keys.length - 1;
        int i = home(key, mask);
        while (values[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[capacity];
        values = new int[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != 0) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int home(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L; // the digests are mixed already; this spreads any caller's keys
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
