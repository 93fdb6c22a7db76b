package io.camelsms.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes queued while a group is being written go together in the next one; every caller gets its own result, and
 * only after the group holding its write was written; a writer waits, up to a bound, for the writes on their way.
 */
class GroupCommitTest {

    @Test
    void writesQueuedDuringAWriteShareTheNextOneAndEachCallerGetsItsOwnResult() throws Exception {
        List<List<Integer>> groups = new CopyOnWriteArrayList<>();
        CountDownLatch firstWriting = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        GroupCommit<Integer> commit = new GroupCommit<>(writes -> {
            if (groups.isEmpty()) {
                firstWriting.countDown();
                await(othersQueued); // the first group is written while the others queue
            }
            groups.add(List.copyOf(writes));
            boolean[] results = new boolean[writes.size()];
            for (int i = 0; i < results.length; i++) {
                results[i] = writes.get(i) % 2 == 0;
            }
            return results;
        });
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            Future<Boolean> first = callers.submit(() -> commit.write(0));
            firstWriting.await();
            List<Thread> waiting = new CopyOnWriteArrayList<>();
            List<Future<Boolean>> others = new ArrayList<>();
            for (int w = 1; w <= 5; w++) {
                int write = w;
                others.add(callers.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return commit.write(write);
                }));
            }
            // every other caller is parked waiting for the write in progress
            while (waiting.size() < 5 || waiting.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
                Thread.onSpinWait();
            }
            othersQueued.countDown();

            assertTrue(first.get());
            for (int w = 1; w <= 5; w++) {
                assertEquals(w % 2 == 0, others.get(w - 1).get(), "write " + w);
            }
            assertEquals(2, groups.size(), groups::toString);
            assertEquals(List.of(0), groups.get(0));
            assertEquals(List.of(1, 2, 3, 4, 5), groups.get(1).stream().sorted().toList());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailedGroupFailsEachOfItsCallersAndTheNextGroupIsWritten() {
        List<Integer> written = new ArrayList<>();
        GroupCommit<Integer> commit = new GroupCommit<>(writes -> {
            if (writes.contains(13)) {
                throw new IllegalStateException("the transaction failed");
            }
            written.addAll(writes);
            return new boolean[] {true};
        });
        assertEquals("the transaction failed", assertThrows(IllegalStateException.class, () -> commit.write(13))
                .getMessage());
        assertTrue(commit.write(7));
        assertEquals(List.of(7), written);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWriterWaitsForTheWritesOnTheirWayAndCommitsThemInItsGroup() throws Exception {
        List<List<Integer>> groups = new CopyOnWriteArrayList<>();
        // two reports claimed, so two writes expected; the wait is bounded far beyond what the test needs
        GroupCommit<Integer> commit = new GroupCommit<>(writes -> {
            groups.add(List.copyOf(writes));
            return new boolean[writes.size()];
        }, () -> 2, Duration.ofMinutes(1));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Thread> writer = new CopyOnWriteArrayList<>();
            Future<Boolean> first = callers.submit(() -> {
                writer.add(Thread.currentThread());
                return commit.write(1);
            });
            // the first caller waits for the second write rather than committing alone
            while (writer.isEmpty() || writer.get(0).getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            Future<Boolean> second = callers.submit(() -> commit.write(2));
            first.get();
            second.get();
            assertEquals(1, groups.size(), groups::toString);
            assertEquals(List.of(1, 2), groups.get(0).stream().sorted().toList());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aWriterExpectsAsManyWritesAsTheLastGroupHad() throws Exception {
        List<List<Integer>> groups = new CopyOnWriteArrayList<>();
        // nothing claimed: only the last group's size makes the writer wait (bounded far beyond what the test needs)
        GroupCommit<Integer> commit = new GroupCommit<>(writes -> {
            groups.add(List.copyOf(writes));
            return new boolean[writes.size()];
        }, () -> 0, Duration.ofMinutes(1));
        commit.write(List.of(1, 2));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Thread> writer = new CopyOnWriteArrayList<>();
            Future<Boolean> first = callers.submit(() -> {
                writer.add(Thread.currentThread());
                return commit.write(3);
            });
            // the last group wrote two, so the next writer waits for a second write rather than committing alone
            // (a writer that does not wait is done, and the assertions below fail instead of this loop spinning)
            while (!first.isDone() && (writer.isEmpty() || writer.get(0).getState() != Thread.State.TIMED_WAITING)) {
                Thread.onSpinWait();
            }
            Future<Boolean> second = callers.submit(() -> commit.write(4));
            first.get();
            second.get();
            assertEquals(2, groups.size(), groups::toString);
            assertEquals(List.of(1, 2), groups.get(0));
            assertEquals(List.of(3, 4), groups.get(1).stream().sorted().toList());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aWriteThatDoesNotComeDelaysTheCommitOnlyUpToTheMaximum() {
        List<List<Integer>> groups = new ArrayList<>();
        GroupCommit<Integer> commit = new GroupCommit<>(writes -> {
            groups.add(List.copyOf(writes));
            return new boolean[] {true};
        }, () -> 2, Duration.ofMillis(5));
        assertTrue(commit.write(7));
        assertEquals(List.of(List.of(7)), groups);
    }
}
