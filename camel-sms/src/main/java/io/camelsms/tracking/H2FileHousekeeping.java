package io.camelsms.tracking;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping H2 does to its file in a background thread, for an embedded H2 database that writes every commit
 * at once (WRITE_DELAY=0, as {@link JdbcTrackingStore#embeddedH2(java.nio.file.Path)}): H2 runs that thread only when
 * it writes commits late, so without this nothing rewrites a chunk that still holds one live page. Each commit writes
 * a chunk of every page it changed (about 26 pages for one status update: six B-trees and H2's own chunk index), and
 * a chunk's space is reused only once none of its pages is live: measured, 300,000 reports left 117,802 chunks
 * holding 117,456 live pages (2 % of their bytes), the file grew by 20 KB a report, and H2 keeps each chunk's
 * metadata in the heap.
 *
 * <p>A pass does the rewriting part of H2's own housekeeping, through H2's public API: it rewrites the live pages of
 * the emptiest chunks older than H2's retention time ({@link MVStore#compact}, under H2's store lock as in H2's
 * thread) and commits them, so those chunks die and their space goes to the next commits. The retention time stays
 * H2's own (a zero one is reported to corrupt files), and chunks are not moved to shrink the file while it is open
 * (h2database issue 4247 reports data lost after such a move in 2.3.232); H2 compacts the file when it closes.
 */
final class H2FileHousekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileHousekeeping.class);
    /** How often a pass runs: H2's own thread runs about every 170 ms at its default write delay. */
    static final long INTERVAL_MILLIS = 200;
    /** Chunks are rewritten while live data fill less than this share of them all (H2's AUTO_COMPACT_FILL_RATE). */
    static final int CHUNK_FILL_RATE = 90;

    private final DataSource dataSource;
    private final Object wake = new Object();
    private volatile boolean running;
    private Thread thread;

    H2FileHousekeeping(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the database behind {@code dataSource} is an embedded H2 file written at every commit. */
    static boolean needed(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = fileStoreOf(connection);
            return store != null && store.getAutoCommitDelay() == 0;
        } catch (SQLException e) {
            throw new JdbcTrackingStore.TrackingStoreException("reading the H2 store's settings", e);
        }
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "camel-sms-tracking-h2-housekeeping");
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets a pass finish (not interrupted: H2 would reopen its file) and waits for it. */
    void stop() {
        Thread started = thread;
        if (started == null) {
            return;
        }
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            started.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private void run() {
        while (running) {
            try {
                pass();
                synchronized (wake) {
                    if (running) {
                        wake.wait(INTERVAL_MILLIS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                // the database may be closing under a stopping store; the next pass tries again
                LOG.debug("tracking store: H2 housekeeping pass failed: {}", e.getMessage(), e);
            }
        }
    }

    /** One pass; whether it rewrote anything. */
    boolean pass() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = fileStoreOf(connection);
            if (store == null || store.isClosed()) {
                return false;
            }
            // H2's own amounts: as much as it lets a transaction hold unsaved before it stores
            int writeLimit = store.getAutoCommitMemory();
            boolean rewritten = store.compact(CHUNK_FILL_RATE, writeLimit);
            if (rewritten) {
                store.commit(); // now, not with the next caller's commit: an idle store settles too
            }
            return rewritten;
        }
    }

    /** The MVStore of an embedded H2 database with a file, or null (another database, H2 in memory or remote). */
    private static MVStore fileStoreOf(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        Store store = session.getDatabase().getStore();
        MVStore mvStore = store == null ? null : store.getMvStore();
        return mvStore == null || mvStore.getFileStore() == null || mvStore.isReadOnly() ? null : mvStore;
    }
}
