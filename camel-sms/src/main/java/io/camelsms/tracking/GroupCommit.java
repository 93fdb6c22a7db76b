package io.camelsms.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit of small writes made by concurrent callers (the status updates of webhook calls arriving together,
 * the reports of a batched push or of a poll's page): the first caller to find no write running writes everything
 * queued so far in one transaction, the others wait for it and the next one takes what queued meanwhile. Every
 * caller returns only once its own writes are committed (or failed, with the transaction's exception), so what a
 * caller acknowledges is as durable as with a transaction of its own; one commit (with WRITE_DELAY=0 on H2, a store
 * of the changed pages) serves many reports. A caller's writes always go in one transaction together.
 *
 * @param <W> a write
 */
final class GroupCommit<W> {

    private final Function<List<W>, boolean[]> writeAll;
    private List<Pending<W>> queued = new ArrayList<>();
    private boolean writing;

    /** @param writeAll writes a group in one transaction, answering each write's result in order */
    GroupCommit(Function<List<W>, boolean[]> writeAll) {
        this.writeAll = writeAll;
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
        synchronized (this) {
            queued.add(mine);
            while (writing && !mine.done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("tracking store: interrupted waiting for a group commit");
                }
            }
            if (mine.done) {
                return outcome(mine);
            }
            writing = true;
            group = queued;
            queued = new ArrayList<>();
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
        synchronized (this) {
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
            notifyAll();
        }
        return outcome(mine);
    }

    private static boolean[] outcome(Pending<?> pending) {
        if (pending.failure != null) {
            throw pending.failure;
        }
        return pending.results;
    }
}
