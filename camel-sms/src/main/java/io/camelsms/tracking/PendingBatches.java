package io.camelsms.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This store's accepted batches that are committed to {@code sms_accepted_batch} (or about to be) and not yet moved
 * into {@code sms_message}, oldest first: what the send path's look-ups consult besides sms_message, so they stay
 * exact while the expander catches up. A batch is added before its transaction commits and removed after its last
 * part is expanded, so a look-up that asks here first and then reads the table never misses a message.
 *
 * <p>Memory stays small whatever the backlog: a 64-bit digest of each external id, in its batch and in one index
 * to its part (24 to 40 bytes a message); a look-up whose id matches a digest reads that part back from the table.
 */
final class PendingBatches {

    /** A batch's messages as they become rows: {@code sms_accepted_batch} parts of at most this many messages. */
    static final int PART_SIZE = 1_000;

    private final ConcurrentLinkedDeque<Batch> batches = new ConcurrentLinkedDeque<>();
    /**
     * Every pending message's id digest to its part's number, and the batches by their first part's number: one
     * look-up an id, however many batches are pending (searching batch after batch was half the send thread's time
     * with a backlog of a thousand). Guarded by this.
     */
    private DigestIndex index = new DigestIndex();
    private final TreeMap<Integer, Batch> byFirstPart = new TreeMap<>();
    private int nextPartNumber;

    PendingBatches() {
        this(1);
    }

    /** Numbers parts from {@code firstPartNumber}: a test starts near the wrap-around. */
    PendingBatches(int firstPartNumber) {
        nextPartNumber = firstPartNumber;
    }
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
        /** Its messages' external id digests, part after part: part p's are those before {@code partEnds[p]}. */
        private final long[] digests;
        private final int[] partEnds;
        /** Its first part's number in {@link #index}, where parts are numbered on across batches. */
        private int firstPart;
        volatile boolean committed;
        /** Parts before this one are in sms_message; only the expander (under its lock) moves it. */
        int nextPart;

        private Batch(String key, long sequence, List<Part> parts, int size) {
            this.key = key;
            this.sequence = sequence;
            this.partCount = parts.size();
            this.size = size;
            this.providers = parts.stream().map(Part::provider).distinct().toArray(String[]::new);
            long[] found = new long[size];
            partEnds = new int[partCount];
            int n = 0;
            for (Part part : parts) {
                for (TrackedMessage m : part.messages()) {
                    if (m.externalId() != null) {
                        found[n++] = digest(m.externalId());
                    }
                }
                partEnds[part.number()] = n;
            }
            digests = n == size ? found : Arrays.copyOf(found, n);
        }

        boolean has(String provider) {
            for (String p : providers) {
                if (p.equals(provider)) {
                    return true;
                }
            }
            return false;
        }

        /** Adds (or with {@code add} false removes) each of its messages to the index under its part's number. */
        private void index(DigestIndex index, boolean add) {
            int part = 0;
            for (int i = 0; i < digests.length; i++) {
                while (i >= partEnds[part]) {
                    part++;
                }
                if (add) {
                    index.add(digests[i], firstPart + part);
                } else {
                    index.remove(digests[i], firstPart + part);
                }
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
            number(batch);
            return batch;
        }
    }

    /** Numbers a batch's parts after the last batch's and indexes its messages. Under this lock. */
    private void number(Batch batch) {
        if (nextPartNumber > Integer.MAX_VALUE - batch.partCount - 1) {
            renumber(); // after two billion parts: start again from 1 with what is pending now
            return;
        }
        batch.firstPart = nextPartNumber;
        nextPartNumber += Math.max(1, batch.partCount);
        byFirstPart.put(batch.firstPart, batch);
        batch.index(index, true);
    }

    private void renumber() {
        index = new DigestIndex();
        byFirstPart.clear();
        nextPartNumber = 1;
        for (Batch b : batches) {
            number(b);
        }
    }

    /** Drops a batch: expanded, or its transaction failed. */
    synchronized void remove(Batch batch, boolean expanded) {
        if (batches.remove(batch)) {
            batch.index(index, false);
            byFirstPart.remove(batch.firstPart);
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
        synchronized (this) {
            for (String id : externalIds) {
                index.forEach(digest(id), number -> {
                    Batch batch = byFirstPart.floorEntry(number).getValue();
                    if (batch.has(provider)) {
                        parts.add(new PartKey(batch.sequence, batch.key, number - batch.firstPart));
                    }
                });
            }
        }
        return parts;
    }
}
