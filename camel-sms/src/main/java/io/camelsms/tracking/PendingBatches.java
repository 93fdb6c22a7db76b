package io.camelsms.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This store's accepted batches that are committed to {@code sms_accepted_batch} (or about to be) and not yet moved
 * into {@code sms_message}, oldest first: what the send path's look-ups consult besides the table, so they stay exact
 * while the expander catches up. A batch is added before its transaction commits and removed after its last part is
 * expanded, so a look-up that reads here first and then the table never misses a message.
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

    static final class Batch {
        final String key;
        final long sequence;
        final List<Part> parts;
        final int size;
        /** Per provider and external id, the first message of the batch under it. */
        private final Map<String, Map<String, TrackedMessage>> byExternalId = new HashMap<>(2);
        volatile boolean committed;
        /** Parts before this one are in sms_message; only the expander (under its lock) moves it. */
        int nextPart;

        private Batch(String key, long sequence, List<Part> parts, int size) {
            this.key = key;
            this.sequence = sequence;
            this.parts = parts;
            this.size = size;
            for (Part part : parts) {
                Map<String, TrackedMessage> provider = byExternalId.computeIfAbsent(part.provider(),
                        p -> new HashMap<>(size * 4 / 3 + 1));
                for (TrackedMessage m : part.messages()) {
                    if (m.externalId() != null) {
                        provider.putIfAbsent(m.externalId(), m);
                    }
                }
            }
        }
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

    /** Adds a batch (not yet committed) in parts of messages sharing provider, account and time. */
    Batch add(String key, List<TrackedMessage> accepted) {
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
        synchronized (this) { // sequence order is queue order
            Batch batch = new Batch(key, ++lastSequence, parts, accepted.size());
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

    /** Of these external ids, the provider's messages pending here, the oldest under each id. */
    Map<String, TrackedMessage> find(String provider, Collection<String> externalIds) {
        if (batches.isEmpty()) {
            return Map.of();
        }
        Map<String, TrackedMessage> found = new HashMap<>();
        for (Batch batch : batches) {
            Map<String, TrackedMessage> sent = batch.byExternalId.get(provider);
            if (sent == null) {
                continue;
            }
            for (String id : externalIds) {
                TrackedMessage m = sent.get(id);
                if (m != null) {
                    found.putIfAbsent(id, m);
                }
            }
        }
        return found;
    }
}
