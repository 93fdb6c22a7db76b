package io.camelsms.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Group commit of small writes made by concurrent callers (the status updates of webhook calls arriving together,
 * the reports of a batched push or of a poll's page): the first caller to find no write running writes everything
 * queued so far in one transaction, the others wait for it and the next one takes what queued meanwhile. Every
 * caller returns only once its own writes are committed (or failed, with the transaction's exception), so what a
 * caller acknowledges is as durable as with a transaction of its own; one commit (with WRITE_DELAY=0 on H2, a store
 * of the changed pages) serves many reports. A caller's writes always go in one transaction together.
 * <p>
 * As PostgreSQL's {@code commit_delay}: when more writes are on their way than are queued, the writer waits for
 * them, up to {@code maxDelay}, before it writes, so callbacks that come one an HTTP call share a commit instead of
 * taking turns. On their way are the {@code expected} ones (e.g. the messages claimed by reports still in their
 * routes) and, at least, as many as the last group wrote: its callers were answered together and come back
 * together (painel calls back from several connections, each with its next report as soon as it is answered), but
 * most of them are still in HTTP, unseen by the store, when the next writer starts. Nothing is answered before its
 * commit either way; the wait costs latency, not CPU, and after a burst only the next writer waits, once.
 *
 * @param <W> a write
 */
final class GroupCommit<W> {

    private final Function<List<W>, boolean[]> writeAll;
    private final IntSupplier expected;
    private final long maxDelayNanos;
    private List<Pending<W>> queued = new ArrayList<>();
    /** The writes in {@link #queued}. */
    private int queuedWrites;
    /** The writes of the last group: as many are expected again (see the class comment). */
    private int lastGroupWrites;
    private boolean writing;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Signalled when a write is queued, for the writer waiting for the expected ones; a condition of its own, so the
     * callers waiting for their commit are not woken by every arrival (8 callers: 7 needless wake-ups each).
     */
    private final Condition arrived = lock.newCondition();
    /** Signalled when a group's commit is done (or failed). */
    private final Condition committed = lock.newCondition();

    /** @param writeAll writes a group in one transaction, answering each write's result in order */
    GroupCommit(Function<List<W>, boolean[]> writeAll) {
        this(writeAll, () -> 0, Duration.ZERO);
    }

    /**
     * @param expected how many writes are queued or on their way now (at least the ones queued, when all arrived)
     * @param maxDelay how long a writer waits at most for the expected writes still on their way
     */
    GroupCommit(Function<List<W>, boolean[]> writeAll, IntSupplier expected, Duration maxDelay) {
        this.writeAll = writeAll;
        this.expected = expected;
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** One caller's writes, queued together. */
    private static final class Pending<W> {
        final List<W> writes;
        boolean done;
        boolean[] results;
        RuntimeException failure;

        Pending(List<W> writes) {
            this.writes = writes;
        }
    }

    /** One write, committed with whatever else is queued. */
    boolean write(W write) {
        return write(List.of(write))[0];
    }

    /** Writes {@code writes} in one transaction (shared with other callers'), answering each one's result. */
    boolean[] write(List<W> writes) {
        Pending<W> mine = new Pending<>(writes);
        List<Pending<W>> group;
        lock.lock();
        try {
            queued.add(mine);
            queuedWrites += writes.size();
            arrived.signal(); // wakes a writer waiting for this write, not the callers waiting for their commit
            while (writing && !mine.done) {
                committed.awaitUninterruptibly();
            }
            if (mine.done) {
                return outcome(mine);
            }
            writing = true;
            awaitExpected();
            group = queued;
            lastGroupWrites = queuedWrites;
            queued = new ArrayList<>();
            queuedWrites = 0;
        } finally {
            lock.unlock();
        }
        boolean[] results = null;
        RuntimeException failure = null;
        try {
            List<W> all = new ArrayList<>();
            group.forEach(p -> all.addAll(p.writes));
            results = writeAll.apply(all);
        } catch (RuntimeException e) {
            failure = e;
        }
        lock.lock();
        try {
            int at = 0;
            for (Pending<W> p : group) {
                p.done = true;
                p.failure = failure;
                if (failure == null) {
                    p.results = new boolean[p.writes.size()];
                    System.arraycopy(results, at, p.results, 0, p.writes.size());
                }
                at += p.writes.size();
            }
            writing = false;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
        return outcome(mine);
    }

    /**
     * Called holding the lock: waits, up to maxDelay, until no expected write is still on its way, nor fewer are
     * queued than the last group wrote.
     */
    private void awaitExpected() {
        if (maxDelayNanos <= 0) {
            return;
        }
        long left = maxDelayNanos;
        while (queuedWrites < Math.max(lastGroupWrites, expected.getAsInt()) && left > 0) {
            try {
                left = arrived.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // write what is queued: the interrupt is the caller's to handle
            }
        }
    }

    private static boolean[] outcome(Pending<?> pending) {
        if (pending.failure != null) {
            throw pending.failure;
        }
        return pending.results;
    }
}
