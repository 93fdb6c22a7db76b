package io.camelsms.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded store's H2 file under delivery reports: each report a commit of its own (WRITE_DELAY=0), each commit a
 * chunk of the file. Without housekeeping every chunk that keeps one live page stays, and the file grows by every
 * report; with it, the chunks' live pages are rewritten, the emptied chunks' space is reused, and the file stops
 * growing. H2 rewrites only chunks older than its retention time (45 s): the test shortens it on its own database so
 * that the chunks it wrote count as old without waiting.
 */
class H2FileHousekeepingTest {

    private static final int REPORTS = 1_500;

    @TempDir
    Path data;

    private JdbcTrackingStore store;
    private JdbcDataSource sameDatabase;

    @BeforeEach
    void start() {
        store = JdbcTrackingStore.embeddedH2(data);
        store.start();
        sameDatabase = new JdbcDataSource();
        // another connection to the store's open database (the same URL, so its settings change nothing)
        sameDatabase.setURL("jdbc:h2:retry:" + data.toAbsolutePath().resolve("tracking")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;COMPRESS=TRUE");
        sameDatabase.setUser("sa");
    }

    @AfterEach
    void stop() {
        store.stop();
    }

    @Test
    void theEmbeddedStoreKeepsEveryReportAndItsFileStopsGrowingOnceItsChunksAreRewritten() throws Exception {
        List<Long> ids = seed(2 * REPORTS);
        deliver(ids.subList(0, REPORTS));
        long chunksBefore = setting("info.CHUNK_COUNT");
        long fileAfterFirstReports = fileBytes();

        execute("SET RETENTION_TIME 1"); // as if H2's 45 s had passed since those chunks were written
        H2FileHousekeeping housekeeping = new H2FileHousekeeping(sameDatabase);
        int passes = 0;
        while (housekeeping.pass()) {
            assertTrue(++passes < 10_000, "housekeeping never finished");
        }
        long chunksAfter = setting("info.CHUNK_COUNT");
        assertTrue(chunksAfter * 2 < chunksBefore,
                "chunks before housekeeping " + chunksBefore + ", after " + chunksAfter);

        // as many reports again: they go into the space the rewritten chunks left, not at the end of the file
        deliver(ids.subList(REPORTS, 2 * REPORTS));
        long fileAfterSecondReports = fileBytes();
        assertTrue(fileAfterSecondReports <= fileAfterFirstReports,
                "file after " + REPORTS + " reports " + fileAfterFirstReports + " bytes, after as many again "
                + fileAfterSecondReports);

        assertEquals(Map.of(DeliveryStatus.DELIVERED, (long) 2 * REPORTS),
                store.statusCountsByProvider().get("webcom"));
    }

    @Test
    void aStoreOnAnotherDatabaseOrAnH2ThatWritesLateNeedsNone() {
        JdbcDataSource inMemory = new JdbcDataSource();
        inMemory.setURL("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1");
        assertFalse(H2FileHousekeeping.needed(inMemory));
        JdbcDataSource writesLate = new JdbcDataSource();
        writesLate.setURL("jdbc:h2:" + data.toAbsolutePath().resolve("late") + ";WRITE_DELAY=500");
        assertFalse(H2FileHousekeeping.needed(writesLate), "H2's own thread housekeeps a file it writes late");
        assertTrue(H2FileHousekeeping.needed(sameDatabase));
    }

    private List<Long> seed(int count) {
        List<TrackedMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(TrackedMessage.accepted("webcom", "acct", "e-" + i, "55119" + (10_000_000 + i), "m-" + i,
                    null, Instant.parse("2026-12-01T10:00:00Z")));
        }
        store.recordAccepted(messages);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(store.findByProviderMessageId("webcom", "acct", "m-" + i).orElseThrow().id());
        }
        return ids;
    }

    /** One report a commit, as painel's callbacks arrive when they do not overlap. */
    private void deliver(List<Long> ids) {
        for (long id : ids) {
            assertTrue(store.updateStatus(id, DeliveryStatus.DELIVERED, "deliver",
                    Instant.parse("2026-12-01T10:05:00Z")));
        }
    }

    private long fileBytes() throws Exception {
        return Files.size(data.resolve("tracking.mv.db"));
    }

    private long setting(String name) throws Exception {
        try (Connection connection = sameDatabase.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = '" + name + "'")) {
            assertTrue(rs.next(), name);
            return Long.parseLong(rs.getString(1));
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = sameDatabase.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
