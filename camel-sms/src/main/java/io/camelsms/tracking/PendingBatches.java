package io.camelsms.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This store's accepted batches that are committed to {@code sms_accepted_batch} (or about to be) and not yet moved
 * into {@code sms_message}, oldest first: what the send path's look-ups consult besides sms_message, so they stay
 * exact while the expander catches up. A batch is added before its transaction commits and removed after its last
 * part is expanded, so a look-up that asks here first and then reads the table never misses a message.
 *
 * <p>Memory stays small whatever the backlog: a batch keeps only a 64-bit digest of each external id and the part it
 * is in (12 bytes a message); a look-up whose id matches a digest reads that part back from the table.
 */
final class PendingBatches {

    /** A batch's messages as they become rows: {@code sms_accepted_batch} parts of at most this many messages. */
    static final int PART_SIZE = 1_000;

    private final ConcurrentLinkedDeque<Batch> batches = new ConcurrentLinkedDeque<>();
    private final AtomicLong messages = new AtomicLong();
    private long lastSequence;
    /** The sequence of the last batch expanded: every batch up to it is in sms_message. */
    private volatile long expandedThrough;

    /** A part of a batch: its number and its messages, which share provider, account and acceptance time. */
    record Part(int number, List<TrackedMessage> messages) {

        String provider() {
            return messages.get(0).provider();
        }

        String account() {
            return messages.get(0).account();
        }

        Instant createdAt() {
            return messages.get(0).createdAt();
        }

        /** The compact form: per message external id, recipient, provider ids, content digest and origin. */
        String encoded() {
            StringBuilder out = new StringBuilder(messages.size() * 160);
            for (TrackedMessage m : messages) {
                InFlightBatch.appendLine(out, m.externalId(), m.recipient(), m.providerMessageId(), m.campaignId(),
                        m.contentHash(), m.origin());
            }
            return out.toString();
        }

        /** The messages of a part read back from its row. */
        static List<TrackedMessage> decode(String provider, String account, Instant createdAt, String encoded) {
            List<TrackedMessage> decoded = new ArrayList<>(PART_SIZE);
            for (String[] f : InFlightBatch.decodeLines(encoded)) {
                decoded.add(TrackedMessage.accepted(provider, account, f[0], f[1], f[2], f[3], createdAt, f[4], f[5]));
            }
            return decoded;
        }
    }

    /** A part of a pending batch, as the table keys it. */
    record PartKey(long sequence, String batchKey, int part) implements Comparable<PartKey> {
        @Override
        public int compareTo(PartKey other) {
            int bySequence = Long.compare(sequence, other.sequence);
            int byKey = bySequence != 0 ? bySequence : batchKey.compareTo(other.batchKey);
            return byKey != 0 ? byKey : Integer.compare(part, other.part);
        }
    }

    static final class Batch {
        final String key;
        final long sequence;
        final int partCount;
        final int size;
        private final String[] providers;
        /** Per message of the batch, sorted: its provider's index in {@link #providers}, id digest, part. */
        private final long[] digests;
        private final int[] partOf;
        volatile boolean committed;
        /** Parts before this one are in sms_message; only the expander (under its lock) moves it. */
        int nextPart;

        private Batch(String key, long sequence, List<Part> parts, int size) {
            this.key = key;
            this.sequence = sequence;
            this.partCount = parts.size();
            this.size = size;
            this.providers = parts.stream().map(Part::provider).distinct().toArray(String[]::new);
            long[][] entries = new long[size][];
            int n = 0;
            for (Part part : parts) {
                for (TrackedMessage m : part.messages()) {
                    if (m.externalId() != null) {
                        entries[n++] = new long[] {digest(m.externalId()), part.number()};
                    }
                }
            }
            Arrays.sort(entries, 0, n, (a, b) -> Long.compare(a[0], b[0]));
            digests = new long[n];
            partOf = new int[n];
            for (int i = 0; i < n; i++) {
                digests[i] = entries[i][0];
                partOf[i] = (int) entries[i][1];
            }
        }

        boolean has(String provider) {
            for (String p : providers) {
                if (p.equals(provider)) {
                    return true;
                }
            }
            return false;
        }

        /** Adds to {@code parts} the parts that may hold a message whose external id has this digest. */
        private void partsOf(long digest, Collection<PartKey> parts) {
            int i = Arrays.binarySearch(digests, digest);
            if (i < 0) {
                return;
            }
            while (i > 0 && digests[i - 1] == digest) {
                i--;
            }
            for (; i < digests.length && digests[i] == digest; i++) {
                parts.add(new PartKey(sequence, key, partOf[i]));
            }
        }
    }

    /** A 64-bit digest of an external id: a match is confirmed by reading the part (of the provider asked). */
    private static long digest(String externalId) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < externalId.length(); i++) {
            h = (h ^ externalId.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Whether these messages can wait for the expander: as a send records them, accepted just now (the compact form
     * keeps no status, status time or row id). Anything else is inserted at once.
     */
    static boolean deferrable(List<TrackedMessage> accepted) {
        for (TrackedMessage m : accepted) {
            if (m.id() != 0 || m.status() != io.camelsms.core.DeliveryStatus.ACCEPTED || m.rawStatus() != null
                || m.statusAt() != null || !m.createdAt().equals(m.updatedAt())) {
                return false;
            }
        }
        return true;
    }

    /** The messages in parts sharing provider, account and time, in order. */
    static List<Part> parts(List<TrackedMessage> accepted) {
        Map<List<Object>, List<TrackedMessage>> groups = new java.util.LinkedHashMap<>();
        for (TrackedMessage m : accepted) {
            groups.computeIfAbsent(List.of(m.provider(), m.account(), m.createdAt()), k -> new ArrayList<>()).add(m);
        }
        List<Part> parts = new ArrayList<>();
        for (List<TrackedMessage> group : groups.values()) {
            for (int from = 0; from < group.size(); from += PART_SIZE) {
                parts.add(new Part(parts.size(), group.subList(from, Math.min(from + PART_SIZE, group.size()))));
            }
        }
        return parts;
    }

    /** Adds a batch (not yet committed). */
    Batch add(String key, List<Part> parts, int size) {
        synchronized (this) { // sequence order is queue order
            Batch batch = new Batch(key, ++lastSequence, parts, size);
            batches.addLast(batch);
            messages.addAndGet(batch.size);
            return batch;
        }
    }

    /** Drops a batch: expanded, or its transaction failed. */
    void remove(Batch batch, boolean expanded) {
        if (batches.remove(batch)) {
            messages.addAndGet(-batch.size);
            if (expanded) {
                expandedThrough = Math.max(expandedThrough, batch.sequence);
            }
        }
    }

    /** The oldest batch, if it is committed (a batch being committed holds back the ones after it). */
    Batch readyHead() {
        Batch head = batches.peekFirst();
        return head != null && head.committed ? head : null;
    }

    /** The newest committed batch's sequence, 0 when none is pending: what a read must wait to see expanded. */
    long lastCommitted() {
        long last = 0;
        for (Batch b : batches) {
            if (b.committed) {
                last = b.sequence;
            }
        }
        return last;
    }

    /** Forgets the committed batches: a store start has just expanded every part of the table. */
    void clearCommitted() {
        for (Batch b : batches) {
            if (b.committed) {
                remove(b, true);
            }
        }
    }

    boolean contains(String batchKey) {
        for (Batch b : batches) {
            if (b.key.equals(batchKey)) {
                return true;
            }
        }
        return false;
    }

    long expandedThrough() {
        return expandedThrough;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    long messageCount() {
        return messages.get();
    }

    /** The parts of pending batches that may hold the provider's messages under these ids, oldest first. */
    TreeSet<PartKey> partsOf(String provider, Collection<String> externalIds) {
        TreeSet<PartKey> parts = new TreeSet<>();
        if (batches.isEmpty()) {
            return parts;
        }
        List<Batch> ofProvider = batches.stream().filter(b -> b.has(provider)).toList();
        if (ofProvider.isEmpty()) {
            return parts;
        }
        for (String id : externalIds) {
            long digest = digest(id);
            for (Batch batch : ofProvider) {
                batch.partsOf(digest, parts);
            }
        }
        return parts;
    }
}
