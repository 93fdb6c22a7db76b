package io.camelsms.app;

/**
 * The line of a file each external id was first seen on, kept as a 64-bit hash of the id (16 bytes an id however
 * long it is, so a file of millions of rows stays within a small heap). Two different ids share a hash with a
 * probability of about n²/2⁶⁵: one in 37 million for a file of a million ids.
 */
final class ExternalIdLines {

    private static final long EMPTY = 0;
    /** Hash and line side by side (slot i at 2i and 2i+1): one cache miss a lookup in a table of megabytes. */
    private static final int MIN_SLOTS = 1024;
    private long[] table;
    private int size;

    ExternalIdLines() {
        this(0);
    }

    /**
     * @param expectedIds how many ids are expected (a file's lines): the table starts at the size it would grow to,
     *                    so that it is never rebuilt (each rebuild touches every slot again, at random)
     */
    ExternalIdLines(long expectedIds) {
        int slots = MIN_SLOTS;
        while (slots < 1 << 29 && expectedIds * 2 > slots) { // at most half the slots used, as firstLine keeps it
            slots *= 2;
        }
        table = new long[2 * slots];
    }

    /** Remembers {@code line} as the first for {@code id}; returns the earlier line if the id was seen, else -1. */
    long firstLine(String id, long line) {
        long hash = hash(id);
        int slot = find(table, hash);
        if (table[slot] == hash) {
            return table[slot + 1];
        }
        table[slot] = hash;
        table[slot + 1] = line;
        if (++size * 4 > table.length) { // at most half the slots used
            grow();
        }
        return -1;
    }

    /** The index of {@code hash}'s slot, or of the empty slot where it goes (linear probing). */
    private static int find(long[] table, long hash) {
        int mask = table.length / 2 - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (table[2 * slot] != EMPTY && table[2 * slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return 2 * slot;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != EMPTY) {
                int slot = find(table, old[i]);
                table[slot] = old[i];
                table[slot + 1] = old[i + 1];
            }
        }
    }

    /** FNV-1a over the characters, then MurmurHash3's finaliser to spread the bits; never {@link #EMPTY}. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }
}
