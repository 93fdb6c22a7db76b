package io.camelsms.app;

/**
 * The line of a file each external id was first seen on, kept as a 64-bit hash of the id (16 bytes an id however
 * long it is, so a file of millions of rows stays within a small heap). Two different ids share a hash with a
 * probability of about n²/2⁶⁵: one in 37 million for a file of a million ids.
 */
final class ExternalIdLines {

    private static final long EMPTY = 0;
    private long[] hashes = new long[1024];
    private long[] lines = new long[1024];
    private int size;

    /** Remembers {@code line} as the first for {@code id}; returns the earlier line if the id was seen, else -1. */
    long firstLine(String id, long line) {
        long hash = hash(id);
        int mask = hashes.length - 1;
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        while (hashes[slot] != EMPTY) {
            if (hashes[slot] == hash) {
                return lines[slot];
            }
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        lines[slot] = line;
        if (++size * 2 > hashes.length) {
            grow();
        }
        return -1;
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[] oldLines = lines;
        hashes = new long[oldHashes.length * 2];
        lines = new long[oldHashes.length * 2];
        int mask = hashes.length - 1;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != EMPTY) {
                int slot = (int) (oldHashes[i] ^ (oldHashes[i] >>> 32)) & mask;
                while (hashes[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                lines[slot] = oldLines[i];
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
