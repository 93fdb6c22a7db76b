package io.camelsms.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit of small writes made by concurrent callers (the status updates of webhook calls arriving together):
 * the first caller to find no write running writes everything queued so far in one transaction, the others wait
 * for it and the next one takes what queued meanwhile. Every caller returns only once its own write is committed
 * (or failed, with the transaction's exception), so what a caller acknowledges is as durable as with a transaction
 * of its own; one commit (with WRITE_DELAY=0 on H2, a store of the changed pages) serves many reports.
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

    private static final class Pending<W> {
        final W write;
        boolean done;
        boolean result;
        RuntimeException failure;

        Pending(W write) {
            this.write = write;
        }
    }

    boolean write(W write) {
        Pending<W> mine = new Pending<>(write);
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
            results = writeAll.apply(group.stream().map(p -> p.write).toList());
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (this) {
            for (int i = 0; i < group.size(); i++) {
                Pending<W> p = group.get(i);
                p.done = true;
                p.failure = failure;
                p.result = failure == null && results[i];
            }
            writing = false;
            notifyAll();
        }
        return outcome(mine);
    }

    private static boolean outcome(Pending<?> pending) {
        if (pending.failure != null) {
            throw pending.failure;
        }
        return pending.result;
    }
}
