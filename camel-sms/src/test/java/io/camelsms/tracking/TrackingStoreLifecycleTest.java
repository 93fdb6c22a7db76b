package io.camelsms.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stop and start as an application's shutdown and restart do them: the embedded database closes, a user's stays. */
class TrackingStoreLifecycleTest {

    @TempDir
    Path data;

    static TrackedMessage accepted(String externalId) {
        return TrackedMessage.accepted("webcom", "acct", externalId, "5511999990000", "m-" + externalId, null,
                Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void aStoppedEmbeddedStoreRefusesCallsWithoutReopeningItsFilesAndStartsAgainWithItsData() throws Exception {
        JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data);
        store.start();
        store.recordAccepted(List.of(accepted("e-1")));
        store.stop();
        Map<Path, String> filesAtStop = files();

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> store.earlierContent("webcom", List.of("e-1")).keySet());
        assertEquals("the tracking store is stopped", refused.getMessage());
        assertEquals(filesAtStop, files(), "a call on the stopped store touched the database files");

        store.start();
        try {
            assertEquals(Set.of("e-1"), store.earlierContent("webcom", List.of("e-1")).keySet());
        } finally {
            store.stop();
        }
    }

    /**
     * Camel interrupts a poll thread when its route stops mid-poll; an interrupt during a file write closes the
     * file channel, and H2 then closed the whole database for every other user of the store (seen in a test run).
     */
    @Test
    void aWriterInterruptedMidWayLeavesTheEmbeddedDatabaseUsableForEveryoneElse() throws Exception {
        JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data);
        store.start();
        try {
            Thread writer = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    store.recordAccepted(List.of(accepted("interrupted-1")));
                } catch (RuntimeException expected) {
                    // whether the interrupted write itself went through does not matter here
                }
            });
            writer.start();
            writer.join();
            store.recordAccepted(List.of(accepted("after-1")));
            assertEquals(Set.of("after-1"), store.earlierContent("webcom", List.of("after-1")).keySet());
        } finally {
            store.stop();
        }
    }

    @Test
    void stoppingAStoreLeavesTheUsersDataSourceOpen() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + data.resolve("users"), "sa", "");
        try {
            JdbcTrackingStore store = new JdbcTrackingStore(pool);
            store.start();
            store.recordAccepted(List.of(accepted("e-2")));
            store.stop();
            try (Connection connection = pool.getConnection()) {
                assertTrue(connection.isValid(1), "the DataSource bean is the user's to close");
            }
        } finally {
            pool.dispose();
        }
    }

    private Map<Path, String> files() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.collect(Collectors.toMap(p -> p, p -> p.toFile().lastModified() + " ms, " + p.toFile().length() + " bytes"));
        }
    }

    @Test
    void refusesANegativeBacklogBoundNamingTheSetting() {
        JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> store.setMaxPendingMessages(-1));
        assertEquals("tracking store: maxPendingMessages must be 0 or more, not -1", refused.getMessage());
    }
}
