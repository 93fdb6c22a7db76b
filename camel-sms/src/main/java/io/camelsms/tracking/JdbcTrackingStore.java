package io.camelsms.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.observability.CachedHealthCheck;

/**
 * The tracking store on any JDBC database Flyway and camel-sms's portable schema support: the embedded H2 default
 * ({@link #embeddedH2(java.nio.file.Path)}) or PostgreSQL (a {@code DataSource} bean). The schema is created and
 * migrated by the store itself on start ({@code db/tracking/V*.sql}, history in {@code camel_sms_schema_history}).
 *
 * <p>A send's accepted batch is committed as one record ({@code sms_accepted_batch}, V12) and moved into per-message
 * rows of {@code sms_message} by the store's expander thread, off the send path; a start expands whatever a stopped
 * process left before anything else. The send path's look-ups ({@link #earlierContent}, {@link #earlierSends},
 * {@link #unknownExternalIds}) also see this store's batches not yet expanded; every other read first waits until
 * the batches committed before it are expanded ({@link #awaitExpanded}). Only this store knows its pending batches:
 * stores in several processes that share one database expand at once instead ({@link #setBackgroundExpansion},
 * which {@code ClusteredTrackingStore} turns off).
 */
public class JdbcTrackingStore extends ServiceSupport implements TrackingStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTrackingStore.class);
    /** Accepted messages a send may get ahead of the expander by (24 to 40 bytes of memory each), before it helps. */
    public static final long DEFAULT_MAX_PENDING = 1_000_000;
    /**
     * How long sends must pause before the expander starts on their batches: expanding while a bulk send runs would
     * make the send wait for the database (H2 stores one commit at a time) and share the CPU.
     */
    static final long SEND_PAUSE_MILLIS = 1_000;

    /** Rows per JDBC batch (on PostgreSQL: per batch of multi-row INSERTs). */
    static final int INSERT_BATCH = 1_000;
    /** Rows per multi-row INSERT of accepted messages (16 parameters a row; PostgreSQL takes at most 32,767). */
    static final int INSERT_ROWS = 500;
    /** Length of the origin column (V4 migration); a longer origin is cut. */
    private static final int MAX_ORIGIN = 200;
    /** Values per IN (...) look-up. */
    private static final int IN_CHUNK = 500;
    /** The width of sms_unknown_send.reason (V6). */
    private static final int MAX_REASON = 1000;
    /** Stripes of message ids in statusStamps: a stamp shared by two messages costs at most one look-up more. */
    private static final int STATUS_STRIPES = 1 << 16;
    private static final String COLUMNS = "id, provider, account, external_id, recipient, provider_message_id,"
            + " campaign_id, status, raw_status, status_at, created_at, updated_at, content_hash, origin";

    private final Set<String> claims = ConcurrentHashMap.newKeySet();
    /**
     * Reports arriving together share a commit (see GroupCommit); a writer waits up to this long for the reports
     * whose messages are claimed (in their routes now), and for as many as its last group had, to join its commit.
     * 3 ms: at 1 ms painel's callers, answered together, were mostly not back yet (2.1 reports a commit, 8 callers).
     */
    static final Duration STATUS_COMMIT_DELAY = Duration.ofMillis(3);
    private final GroupCommit<StatusChange> statusUpdates = new GroupCommit<>(this::writeStatuses, claims::size,
            STATUS_COMMIT_DELAY);
    /**
     * Emitted event ids (replies, as {@code add}) share a commit as status updates do: smsclouds pushes one MO a
     * call, and each was a commit of its own (two with its as-given id).
     */
    private final GroupCommit<String> eventInserts = new GroupCommit<>(this::insertEvents, claims::size,
            STATUS_COMMIT_DELAY);
    /** Counts committed groups of status updates: see statusMark. */
    private final AtomicLong statusCommits = new AtomicLong();
    /**
     * Per stripe of message ids, the statusCommits value of the last committed update of a message in it. Claims
     * live in this process, so every status written to a message a caller may claim is stamped here (after its
     * commit, before its claim is given back): see changedSince.
     */
    private final AtomicLongArray statusStamps = new AtomicLongArray(STATUS_STRIPES);
    private final Supplier<DataSource> dataSourceSupplier;
    private final Clock clock;
    /** The embedded store opens its own pool on start and disposes it on stop; a user's DataSource is theirs. */
    private final boolean ownsDataSource;
    private volatile DataSource dataSource;
    /** Set on stop: a poll still running while the application shuts down must not reopen the database. */
    private volatile boolean stopped;
    /** Whether accepted messages go in multi-row INSERTs (PostgreSQL) rather than a JDBC batch of rows (H2). */
    private volatile boolean multiRowInsert;
    /** PostgreSQL with its driver's CopyManager reachable: accepted messages go in by COPY. */
    private volatile boolean copyIn;
    /** PostgreSQL only: whether sms_message has had planner statistics since this store started. */
    private volatile boolean statisticsKnown;
    /** Accepted batches committed in compact form and not yet in sms_message. */
    private final PendingBatches pending = new PendingBatches();
    /**
     * Held while a batch is expanded: by the expander thread, or by a read or a send that cannot wait for it (tests
     * hold it to keep batches pending, as a process that dies before its expander comes round).
     */
    final ReentrantLock expanding = new ReentrantLock();
    /** Notified when a batch commits or is expanded. */
    private final Object batchesChanged = new Object();
    private volatile boolean backgroundExpansion = true;
    private volatile long maxPendingMessages = DEFAULT_MAX_PENDING;
    private volatile boolean expanderRunning;
    /** When a send last recorded a batch (System.nanoTime()). */
    private volatile long lastRecorded;
    private Thread expander;
    /** H2's file housekeeping, for an embedded H2 store writing every commit at once; null otherwise. */
    private H2FileHousekeeping h2Housekeeping;

    public JdbcTrackingStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public JdbcTrackingStore(DataSource dataSource, Clock clock) {
        this(() -> dataSource, clock);
    }

    /** A store whose DataSource is looked up when it starts (e.g. a bean defined later in the configuration). */
    public JdbcTrackingStore(Supplier<DataSource> dataSource, Clock clock) {
        this(dataSource, clock, false);
    }

    private JdbcTrackingStore(Supplier<DataSource> dataSource, Clock clock, boolean ownsDataSource) {
        this.dataSourceSupplier = dataSource;
        this.clock = clock;
        this.ownsDataSource = ownsDataSource;
    }

    /**
     * The default store: an H2 database in files under {@code directory}, created on first use. WRITE_DELAY=0: H2
     * otherwise writes committed transactions in the background (up to 500 ms later), and a process killed in that
     * window forgets batches the provider accepted, which a resumed file would send again. TRACE_LEVEL_FILE=0: errors
     * reach the caller as exceptions; H2 need not also write them to a trace file beside the data. {@code retry:}: a
     * thread interrupted while H2 writes (Camel interrupts a poll when its route stops) closes the file channel, and
     * H2 would then close the database for every other caller; this file system reopens the file and writes again.
     * COMPRESS=TRUE: the pages each commit writes are compressed (H2's LZF), half the bytes. H2 rewrites the chunks of
     * its file only in a thread it runs when it writes commits late; with WRITE_DELAY=0 the store runs that
     * housekeeping itself ({@code H2FileHousekeeping}), without which the file grew by every commit.
     */
    public static JdbcTrackingStore embeddedH2(java.nio.file.Path directory) {
        String url = "jdbc:h2:retry:" + directory.toAbsolutePath().resolve("tracking")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;COMPRESS=TRUE";
        return new JdbcTrackingStore(() -> embeddedPool(url), Clock.systemUTC(), true);
    }

    /**
     * A HikariCP pool rather than H2's JdbcConnectionPool: H2's rolls each connection back as it hands it out, and a
     * rollback empties H2's per-session statement cache, so every look-up and status update was parsed and planned
     * again (a tenth of a painel callback's CPU). HikariCP rolls back only a connection returned with uncommitted
     * work. Up to 10 connections, as H2's pool.
     */
    private static DataSource embeddedPool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(1);
        config.setPoolName("camel-sms-tracking");
        // as H2's pool: no connection is opened before the store starts, and a failure to open one reaches the caller
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * {@link #embeddedH2(java.nio.file.Path)} for a folder named in configuration, e.g. camel-main's
     * {@code camel.beans.trackingStore = #class:io.camelsms.tracking.JdbcTrackingStore#embeddedH2('data/tracking')}.
     */
    public static JdbcTrackingStore embeddedH2(String directory) {
        return embeddedH2(java.nio.file.Path.of(directory));
    }

    @Override
    protected void doStart() {
        DataSource found = dataSourceSupplier.get();
        if (found == null) {
            throw new IllegalStateException("tracking store: no DataSource to use");
        }
        boolean h2 = isH2(found);
        // H2 writes the id sequence to disk at every trip to it, and with WRITE_DELAY=0 that write is a store of
        // every changed page: at H2's default of 32 ids a trip it cost a 1M-row send most of its tracking time.
        // PostgreSQL keeps its default of 1 (its cache is per session, and a trip is cheap there).
        flyway(found, h2).migrate();
        multiRowInsert = !h2;
        copyIn = !h2 && copyAvailable(found);
        // a stopped process's accepted batches first: the in-flight rows left are then only requests never answered
        expandAcceptedBatches(found);
        pending.clearCommitted();
        expandInFlightBatches(found);
        statisticsKnown = h2;
        dataSource = found;
        stopped = false;
        if (h2 && H2FileHousekeeping.needed(found)) {
            h2Housekeeping = new H2FileHousekeeping(found);
            h2Housekeeping.start();
        }
        if (backgroundExpansion) {
            lastRecorded = System.nanoTime() - SEND_PAUSE_MILLIS * 1_000_000;
            expanderRunning = true;
            expander = new Thread(this::runExpander, "camel-sms-tracking-expander");
            expander.setDaemon(true);
            expander.start();
        }
    }

    /**
     * Whether accepted batches are moved into sms_message by a background thread (the default) or in the
     * transaction that records them. Another process's send-path look-ups read this one's pending batches from the
     * table; its other reads (reports, polls, counts) do not see them until they are expanded, so turn it off when
     * several processes share the database and each must see the others' messages at once ({@code
     * ClusteredTrackingStore} does).
     */
    public void setBackgroundExpansion(boolean backgroundExpansion) {
        this.backgroundExpansion = backgroundExpansion;
    }

    public boolean isBackgroundExpansion() {
        return backgroundExpansion;
    }

    /**
     * How many accepted messages a send may get ahead of the expander before it helps (memory: their index); 0: a
     * send first expands every batch before it.
     */
    public void setMaxPendingMessages(long maxPendingMessages) {
        if (maxPendingMessages < 0) {
            throw new IllegalArgumentException("tracking store: maxPendingMessages must be 0 or more, not "
                    + maxPendingMessages);
        }
        this.maxPendingMessages = maxPendingMessages;
    }

    private static Flyway flyway(DataSource dataSource, boolean h2) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/tracking")
                .javaMigrations(new V5__Tracking_account_label())
                .table("camel_sms_schema_history").placeholders(Map.of("identity_cache", h2 ? "10000" : "1"))
                .load();
    }

    /**
     * The store's readiness, for {@link io.camelsms.observability.CachedHealthCheck}: UP when the database answers and every
     * migration this version of camel-sms ships is applied (DOWN naming the pending ones otherwise), with the
     * database, the schema version and the number of open (not final) messages as details.
     */
    public boolean checkHealth(HealthCheckResultBuilder builder) {
        DataSource current = dataSource;
        if (current == null || stopped) {
            builder.down().message("tracking store: not started");
            return true;
        }
        String database;
        try (Connection connection = current.getConnection()) {
            database = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException | RuntimeException e) {
            builder.down().message("tracking store: the database does not answer: " + e.getMessage());
            return true;
        }
        MigrationInfoService migrations = flyway(current, "H2".equals(database)).info();
        MigrationInfo applied = migrations.current();
        List<String> pending = Arrays.stream(migrations.pending()).map(m -> "V" + m.getVersion()).toList();
        long[] open = {0};
        awaitExpanded();
        query("SELECT COUNT(*) FROM sms_message WHERE is_final = FALSE", s -> {
        }, rs -> open[0] = rs.getLong(1));
        builder.detail("database", database)
                .detail("schema.version", applied == null ? "none" : applied.getVersion().toString())
                .detail("open.messages", open[0]);
        if (pending.isEmpty()) {
            builder.up();
        } else {
            builder.down().message("tracking store: migrations not applied: " + String.join(", ", pending));
        }
        return true;
    }

    private static boolean copyAvailable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return PostgresCopy.availableOn(connection);
        } catch (SQLException e) {
            throw new TrackingStoreException("opening a connection", e);
        }
    }

    private static boolean isH2(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equals("H2");
        } catch (SQLException e) {
            throw new TrackingStoreException("reading the database's name", e);
        }
    }

    /**
     * Closes the embedded store's connections, and with the last of them its database; a call still running
     * finishes first. The database stays open while another store in this JVM uses the same files.
     */
    @Override
    protected void doStop() {
        stopExpander();
        try {
            while (expandNext()) {
                // what a stop leaves is expanded by the next start, but a clean stop leaves nothing
            }
        } catch (RuntimeException e) {
            LOG.warn("tracking store: accepted batches not expanded at stop (the next start expands them): {}",
                    e.getMessage());
            LOG.debug("expanding at stop", e);
        }
        stopped = true;
        if (h2Housekeeping != null) {
            h2Housekeeping.stop();
            h2Housekeeping = null;
        }
        if (ownsDataSource && dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    @Override
    public void recordAccepted(List<TrackedMessage> messages) {
        if (backgroundExpansion && PendingBatches.deferrable(messages)) {
            recordBatch(UUID.randomUUID().toString(), messages, List.of(), false);
            return;
        }
        inTransaction(connection -> {
            insertAccepted(connection, messages);
            return null;
        });
        if (!statisticsKnown) {
            analyzeIfWithoutStatistics();
        }
    }

    /**
     * On PostgreSQL, multi-row INSERTs of {@link #INSERT_ROWS} rows: the JDBC batch sends each row as a statement of
     * its own unless the user's URL asks the driver to rewrite (reWriteBatchedInserts), and the DataSource is the
     * user's. On H2 one JDBC batch: measured, H2 took a 500-row INSERT at several times the cost of its rows batched.
     */
    private void insertAccepted(Connection connection, List<TrackedMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        if (copyIn) {
            PostgresCopy.copyIn(connection, "COPY sms_message (" + ACCEPTED_COLUMNS + ") FROM STDIN",
                    copyRows(messages));
            return;
        }
        int chunk = multiRowInsert ? Math.min(INSERT_ROWS, messages.size()) : 1;
        try (PreparedStatement full = connection.prepareStatement(insertAcceptedSql(chunk))) {
            int from = 0;
            int pending = 0;
            for (; from + chunk <= messages.size(); from += chunk) {
                bindAccepted(full, messages.subList(from, from + chunk));
                full.addBatch();
                if (++pending * chunk >= INSERT_BATCH) {
                    full.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                full.executeBatch();
            }
            if (from < messages.size()) {
                List<TrackedMessage> rest = messages.subList(from, messages.size());
                try (PreparedStatement last = connection.prepareStatement(insertAcceptedSql(rest.size()))) {
                    bindAccepted(last, rest);
                    last.executeUpdate();
                }
            }
        }
    }

    private static final String ACCEPTED_COLUMNS = "provider, account, external_id, recipient, provider_message_id,"
            + " campaign_id, status, raw_status, status_at, created_at, updated_at, is_final, campaign_recipient,"
            + " content_hash, origin, origin_file";

    private static String insertAcceptedSql(int rows) {
        String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        return "INSERT INTO sms_message (" + ACCEPTED_COLUMNS + ") VALUES " + (row + ", ").repeat(rows - 1) + row;
    }

    /** The rows of {@link #bindAccepted} in COPY's text format: tab-separated, {@code \N} for null, escaped. */
    private static String copyRows(List<TrackedMessage> messages) {
        StringBuilder rows = new StringBuilder(messages.size() * 200);
        for (TrackedMessage m : messages) {
            String origin = cut(m.origin(), MAX_ORIGIN);
            String[] fields = {m.provider(), m.account(), m.externalId(), m.recipient(), m.providerMessageId(),
                m.campaignId(), m.status().name(), m.rawStatus(), text(m.statusAt()), text(m.createdAt()),
                text(m.updatedAt()), m.isFinal() ? "t" : "f", campaignRecipient(m.campaignId(), m.recipient()),
                m.contentHash(), origin, TrackedMessage.originFile(origin)};
            InFlightBatch.appendLine(rows, fields);
        }
        return rows.toString();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static void bindAccepted(PreparedStatement insert, List<TrackedMessage> rows) throws SQLException {
        int p = 0;
        for (TrackedMessage m : rows) {
            insert.setString(++p, m.provider());
            insert.setString(++p, m.account());
            insert.setString(++p, m.externalId());
            insert.setString(++p, m.recipient());
            insert.setString(++p, m.providerMessageId());
            insert.setString(++p, m.campaignId());
            insert.setString(++p, m.status().name());
            insert.setString(++p, m.rawStatus());
            setInstant(insert, ++p, m.statusAt());
            setInstant(insert, ++p, m.createdAt());
            setInstant(insert, ++p, m.updatedAt());
            insert.setBoolean(++p, m.isFinal());
            insert.setString(++p, campaignRecipient(m.campaignId(), m.recipient()));
            insert.setString(++p, m.contentHash());
            String origin = cut(m.origin(), MAX_ORIGIN);
            insert.setString(++p, origin);
            insert.setString(++p, TrackedMessage.originFile(origin));
        }
    }

    /**
     * A table PostgreSQL has no statistics for yet (fresh, and autovacuum has not come round) makes it plan the
     * resume check as a scan of every row, per chunk: a 1M-row send into a new store slowed down with each batch.
     * After the first batch this store records, it analyzes the table if its statistics count no rows (never
     * analyzed, or analyzed while empty).
     */
    private void analyzeIfWithoutStatistics() {
        String sql = "SELECT 1 FROM pg_class WHERE oid = 'sms_message'::regclass AND reltuples <= 0";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean without;
            try (ResultSet rs = statement.executeQuery(sql)) {
                without = rs.next();
            }
            if (without) {
                statement.execute("ANALYZE sms_message");
            }
            statisticsKnown = true;
        } catch (SQLException e) {
            throw new TrackingStoreException(sql, e);
        }
    }

    /**
     * Asks the index alone: (external_id, provider, content_hash) holds all it needs. An id nobody sent (a fresh file)
     * costs its index look-up only. Of several messages under one id (stores from before version 4), one without a
     * digest wins: what it held cannot be known.
     */
    @Override
    public Map<String, String> earlierContent(String provider, Collection<String> externalIds) {
        Map<String, TrackedMessage> notExpanded = notExpanded(provider, externalIds);
        Map<String, String> found = new HashMap<>();
        byExternalId("external_id, provider, content_hash", externalIds, rs -> {
            if (provider.equals(rs.getString(2))) {
                String id = rs.getString(1);
                String digest = rs.getString(3);
                if (!found.containsKey(id) || digest == null) {
                    found.put(id, digest);
                }
            }
        });
        notExpanded.forEach((id, m) -> {
            if (!found.containsKey(id) || m.contentHash() == null) {
                found.put(id, m.contentHash());
            }
        });
        return found;
    }

    /** Keeps the first message recorded under each id (the lowest row id), of the provider only. */
    @Override
    public Map<String, TrackedMessage> earlierSends(String provider, Collection<String> externalIds) {
        Map<String, TrackedMessage> notExpanded = notExpanded(provider, externalIds);
        Map<String, TrackedMessage> found = new HashMap<>();
        byExternalId(COLUMNS, externalIds, rs -> {
            if (provider.equals(rs.getString(2))) {
                TrackedMessage message = message(rs);
                found.merge(message.externalId(), message, (a, b) -> a.id() <= b.id() ? a : b);
            }
        });
        notExpanded.forEach(found::putIfAbsent); // recorded after every row of the table
        return found;
    }

    /**
     * Of these external ids, the provider's accepted messages not yet in sms_message: this store's pending batches
     * (in memory) and any other store's on the same database (their parts read whole: rare, another process's).
     * Read before sms_message, so a batch expanded meanwhile is found there.
     */
    private Map<String, TrackedMessage> notExpanded(String provider, Collection<String> externalIds) {
        java.util.TreeSet<PendingBatches.PartKey> parts = pending.partsOf(provider, externalIds);
        query("SELECT batch_key, part FROM sms_accepted_batch WHERE provider = ?", s -> s.setString(1, provider),
                rs -> {
                    if (!pending.contains(rs.getString(1))) { // another store's, after this one's
                        parts.add(new PendingBatches.PartKey(Long.MAX_VALUE, rs.getString(1), rs.getInt(2)));
                    }
                });
        Map<String, TrackedMessage> found = new HashMap<>();
        if (parts.isEmpty()) {
            return found;
        }
        Set<String> asked = externalIds instanceof Set<String> set ? set : new HashSet<>(externalIds);
        for (PendingBatches.PartKey part : parts) {
            // a part gone meanwhile was expanded: sms_message, read after this, has it
            query("SELECT account, created_at, messages FROM sms_accepted_batch WHERE batch_key = ? AND part = ?"
                  + " AND provider = ?", s -> {
                      s.setString(1, part.batchKey());
                      s.setInt(2, part.part());
                      s.setString(3, provider);
                  }, rs -> {
                for (TrackedMessage m : PendingBatches.Part.decode(provider, rs.getString(1), instant(rs, 2),
                        rs.getString(3))) {
                    if (m.externalId() != null && asked.contains(m.externalId())) {
                        found.putIfAbsent(m.externalId(), m);
                    }
                }
            });
        }
        return found;
    }

    /**
     * The rows of these external ids, {@code columns} with the provider second, 500 ids a statement.
     * One connection and, for the full chunks, one prepared statement for all the ids: a DataSource without a pool
     * (a plain PGSimpleDataSource) opens a new database session per connection, which cost more than the look-ups.
     * The provider is compared by the caller, not in SQL: given {@code provider = ?} PostgreSQL chose an index led by
     * the provider and read every row the provider ever sent, per chunk; by external id alone, each id is a look-up.
     */
    private void byExternalId(String columns, Collection<String> externalIds, RowReader reader) {
        List<String> ids = List.copyOf(externalIds);
        if (ids.isEmpty()) {
            return;
        }
        int fullSize = Math.min(IN_CHUNK, ids.size());
        String fullChunk = byExternalIdSql(columns, fullSize);
        try (Connection connection = connection();
             PreparedStatement full = connection.prepareStatement(fullChunk)) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(from + IN_CHUNK, ids.size()));
                if (chunk.size() == fullSize) {
                    readChunk(full, 0, chunk, reader);
                } else {
                    try (PreparedStatement last = connection.prepareStatement(byExternalIdSql(columns,
                            chunk.size()))) {
                        readChunk(last, 0, chunk, reader);
                    }
                }
            }
        } catch (SQLException e) {
            throw new TrackingStoreException(fullChunk, e);
        }
    }

    private static String byExternalIdSql(String columns, int ids) {
        return "SELECT " + columns + " FROM sms_message WHERE external_id IN (" + "?,".repeat(ids - 1) + "?)";
    }

    /** Binds {@code chunk} after the first {@code before} parameters and reads every row. */
    private static void readChunk(PreparedStatement statement, int before, List<String> chunk, RowReader reader)
            throws SQLException {
        for (int i = 0; i < chunk.size(); i++) {
            statement.setString(before + i + 1, chunk.get(i));
        }
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    @Override
    public void recordUnknown(List<UnknownSend> messages) {
        inTransaction(connection -> {
            insertUnknown(connection, messages, null);
            return null;
        });
    }

    /**
     * One row per batch in sms_in_flight_batch (V10), not one per message: messages sharing provider, account, reason
     * and time (a send's batch: all of them) share a row; a batch too long for a row takes several parts.
     */
    @Override
    public void recordInFlight(String batchKey, List<UnknownSend> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Map<List<Object>, List<InFlightBatch.Entry>> groups = new java.util.LinkedHashMap<>();
        for (UnknownSend m : messages) {
            groups.computeIfAbsent(List.of(m.provider(), m.account(), cut(m.reason(), MAX_REASON), m.at()),
                    k -> new ArrayList<>()).add(new InFlightBatch.Entry(m.externalId(), m.recipient()));
        }
        inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sms_in_flight_batch (batch_key,"
                    + " part, provider, account, reason, created_at, messages) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int part = 0;
                for (Map.Entry<List<Object>, List<InFlightBatch.Entry>> group : groups.entrySet()) {
                    for (String encoded : InFlightBatch.encode(group.getValue())) {
                        insert.setString(1, batchKey);
                        insert.setInt(2, part++);
                        insert.setString(3, (String) group.getKey().get(0));
                        insert.setString(4, (String) group.getKey().get(1));
                        insert.setString(5, (String) group.getKey().get(2));
                        setInstant(insert, 6, (Instant) group.getKey().get(3));
                        insert.setString(7, encoded);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /**
     * Expands every in-flight batch row into per-message rows of sms_unknown_send (in_flight = its batch key), then
     * deletes it: run on start, before anything sends, for the batches whose process stopped mid-request. Another
     * process on the same database may still be sending such a batch: its settle deletes the expanded rows with its
     * key, as it would its own row (the rows are locked here, so a settle waits for this transaction).
     */
    private void expandInFlightBatches(DataSource found) {
        String select = "SELECT batch_key, provider, account, reason, created_at, messages FROM sms_in_flight_batch"
                        + " ORDER BY batch_key, part FOR UPDATE";
        try (Connection connection = found.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, List<UnknownSend>> batches = new java.util.LinkedHashMap<>();
                try (PreparedStatement statement = connection.prepareStatement(select);
                     ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        List<UnknownSend> sends = batches.computeIfAbsent(key, k -> new ArrayList<>());
                        for (InFlightBatch.Entry e : InFlightBatch.decode(rs.getString(6))) {
                            sends.add(new UnknownSend(rs.getString(2), rs.getString(3), e.externalId(),
                                    e.recipient(), rs.getString(4), instant(rs, 5)));
                        }
                    }
                }
                for (Map.Entry<String, List<UnknownSend>> batch : batches.entrySet()) {
                    insertUnknown(connection, batch.getValue(), batch.getKey());
                    deleteWhere(connection, "DELETE FROM sms_in_flight_batch WHERE batch_key = ?", batch.getKey());
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new TrackingStoreException(select, e);
        }
    }

    private static void deleteWhere(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, key);
            delete.executeUpdate();
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    @Override
    public void settleInFlight(String batchKey, List<TrackedMessage> accepted, List<UnknownSend> unknown) {
        if (backgroundExpansion && PendingBatches.deferrable(accepted)) {
            recordBatch(batchKey, accepted, unknown, true);
            return;
        }
        // A large batch's accepted rows commit in chunks first, the batch's row is deleted last: one 20,000-row
        // transaction made H2 store its pages and undo log mid-transaction, and cost a third more CPU (bench/tracking.sh).
        // A crash between chunks leaves the batch's row: its accepted messages count as accepted (sms_message wins
        // over an unknown row), the rest as unknown.
        int from = 0;
        for (; accepted.size() - from > INSERT_BATCH; from += INSERT_BATCH) {
            List<TrackedMessage> chunk = accepted.subList(from, from + INSERT_BATCH);
            inTransaction(connection -> {
                insertAccepted(connection, chunk);
                return null;
            });
        }
        List<TrackedMessage> rest = accepted.subList(from, accepted.size());
        inTransaction(connection -> {
            insertAccepted(connection, rest);
            insertUnknown(connection, unknown, null);
            deleteWhere(connection, "DELETE FROM sms_in_flight_batch WHERE batch_key = ?", batchKey);
            // rows a store start expanded it into while this process was still waiting for the answer
            deleteWhere(connection, "DELETE FROM sms_unknown_send WHERE in_flight = ?", batchKey);
            return null;
        });
        if (!statisticsKnown && !accepted.isEmpty()) {
            analyzeIfWithoutStatistics();
        }
    }

    /**
     * The send path's write: the accepted messages as parts of sms_accepted_batch (V12), the unknown ones, and with
     * {@code settles} the batch's in-flight marks dropped, in one transaction; the expander moves the parts into
     * sms_message later. A send far ahead of the expander helps it first, so pending batches stay bounded.
     */
    private void recordBatch(String batchKey, List<TrackedMessage> accepted, List<UnknownSend> unknown,
                             boolean settles) {
        lastRecorded = System.nanoTime();
        while (pending.messageCount() >= maxPendingMessages && expandNext()) {
            // expanded the oldest pending batch
        }
        List<PendingBatches.Part> parts = PendingBatches.parts(accepted);
        PendingBatches.Batch batch = accepted.isEmpty() ? null : pending.add(batchKey, parts, accepted.size());
        try {
            inTransaction(connection -> {
                insertParts(connection, batchKey, parts);
                insertUnknown(connection, unknown, null);
                if (settles) {
                    deleteWhere(connection, "DELETE FROM sms_in_flight_batch WHERE batch_key = ?", batchKey);
                    deleteWhere(connection, "DELETE FROM sms_unknown_send WHERE in_flight = ?", batchKey);
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (batch != null) {
                pending.remove(batch, false);
            }
            throw e;
        }
        if (batch != null) {
            batch.committed = true;
            synchronized (batchesChanged) {
                batchesChanged.notifyAll();
            }
        }
    }

    private static void insertParts(Connection connection, String batchKey, List<PendingBatches.Part> parts)
            throws SQLException {
        if (parts.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sms_accepted_batch (batch_key, part,"
                + " provider, account, created_at, messages) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (PendingBatches.Part part : parts) {
                insert.setString(1, batchKey);
                insert.setInt(2, part.number());
                insert.setString(3, part.provider());
                insert.setString(4, part.account());
                setInstant(insert, 5, part.createdAt());
                insert.setString(6, part.encoded());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Waits until every accepted batch this store committed before the call is in sms_message, expanding on the
     * caller's thread when the expander is busy elsewhere: what every read of sms_message but the send path's
     * look-ups does first, so it never misses a message. Returns at once when nothing is pending.
     */
    public void awaitExpanded() {
        if (pending.isEmpty()) {
            return;
        }
        long target = pending.lastCommitted();
        while (pending.expandedThrough() < target) {
            if (!expandNext()) {
                synchronized (batchesChanged) {
                    if (pending.expandedThrough() < target && pending.readyHead() == null) {
                        try {
                            batchesChanged.wait(100); // the head batch is still committing
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while the tracking store expanded batches", e);
                        }
                    }
                }
            }
        }
    }

    /** Expands the oldest pending batch, if it is committed; false when there was none. */
    private boolean expandNext() {
        expanding.lock();
        try {
            PendingBatches.Batch batch = pending.readyHead();
            if (batch == null) {
                return false;
            }
            for (; batch.nextPart < batch.partCount; batch.nextPart++) {
                expandPart(dataSource, batch.key, batch.nextPart);
            }
            if (!statisticsKnown) { // before a read that waited for this batch plans its query
                analyzeIfWithoutStatistics();
            }
            pending.remove(batch, true);
        } finally {
            expanding.unlock();
        }
        synchronized (batchesChanged) {
            batchesChanged.notifyAll();
        }
        return true;
    }

    /**
     * One part of sms_accepted_batch into sms_message, deleting its row in the same transaction. The row is read
     * locked: a part another store expanded meanwhile (one that started on the same database) is found gone and not
     * inserted twice.
     */
    private void expandPart(DataSource from, String batchKey, int part) {
        String select = "SELECT provider, account, created_at, messages FROM sms_accepted_batch WHERE batch_key = ?"
                        + " AND part = ? FOR UPDATE";
        try (Connection connection = from.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(select)) {
                statement.setString(1, batchKey);
                statement.setInt(2, part);
                List<TrackedMessage> messages = null;
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        messages = PendingBatches.Part.decode(rs.getString(1), rs.getString(2), instant(rs, 3),
                                rs.getString(4));
                    }
                }
                if (messages != null) {
                    insertAccepted(connection, messages);
                    deleteWhere(connection, "DELETE FROM sms_accepted_batch WHERE batch_key = ? AND part = " + part,
                            batchKey);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new TrackingStoreException("expanding accepted batch " + batchKey, e);
        }
    }

    /**
     * Expands every part of sms_accepted_batch, oldest first, one part a transaction: run on start, before anything
     * reads or sends, for the batches a stopped process had not expanded.
     */
    private void expandAcceptedBatches(DataSource found) {
        String keys = "SELECT batch_key, part FROM sms_accepted_batch ORDER BY created_at, batch_key, part";
        List<Map.Entry<String, Integer>> parts = new ArrayList<>();
        try (Connection connection = found.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(keys)) {
            while (rs.next()) {
                parts.add(Map.entry(rs.getString(1), rs.getInt(2)));
            }
        } catch (SQLException e) {
            throw new TrackingStoreException(keys, e);
        }
        if (!parts.isEmpty()) {
            LOG.info("tracking store: expanding {} parts of accepted batches a stopped process left", parts.size());
        }
        for (Map.Entry<String, Integer> part : parts) {
            expandPart(found, part.getKey(), part.getValue());
        }
    }

    private void runExpander() {
        while (expanderRunning) {
            try {
                long sinceSend = (System.nanoTime() - lastRecorded) / 1_000_000;
                if (sinceSend < SEND_PAUSE_MILLIS) {
                    synchronized (batchesChanged) {
                        batchesChanged.wait(SEND_PAUSE_MILLIS - sinceSend);
                    }
                } else if (!expandNext()) {
                    synchronized (batchesChanged) {
                        if (expanderRunning && pending.readyHead() == null) {
                            batchesChanged.wait(1_000);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("tracking store: expanding accepted batches failed, trying again in a second: {}",
                        e.getMessage());
                LOG.debug("expanding accepted batches", e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Lets the expander finish the part it is on (not interrupted: H2 would reopen its file) and waits for it. */
    private void stopExpander() {
        Thread running = expander;
        if (running == null) {
            return;
        }
        expanderRunning = false;
        synchronized (batchesChanged) {
            batchesChanged.notifyAll();
        }
        try {
            running.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        expander = null;
    }

    /** One batched insert into sms_unknown_send; {@code inFlight}: the batch key of a write-ahead mark, or null. */
    private static void insertUnknown(Connection connection, List<UnknownSend> messages, String inFlight)
            throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO sms_unknown_send (provider, account, external_id, recipient, reason, created_at,"
                     + " in_flight) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int pending = 0;
            for (UnknownSend m : messages) {
                insert.setString(1, m.provider());
                insert.setString(2, m.account());
                insert.setString(3, m.externalId());
                insert.setString(4, m.recipient());
                insert.setString(5, cut(m.reason(), MAX_REASON));
                setInstant(insert, 6, m.at());
                insert.setString(7, inFlight);
                insert.addBatch();
                if (++pending == INSERT_BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    @Override
    public Map<String, String> unknownExternalIds(String provider, Collection<String> externalIds) {
        Map<String, String> found = new HashMap<>();
        List<String> ids = List.copyOf(externalIds);
        if (!ids.isEmpty()) {
            // one connection and one prepared statement for the full chunks: a fresh file asks this for every id
            int fullSize = Math.min(IN_CHUNK, ids.size());
            String fullChunk = unknownSql(fullSize);
            try (Connection connection = connection();
                 PreparedStatement full = connection.prepareStatement(fullChunk)) {
                for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                    List<String> chunk = ids.subList(from, Math.min(from + IN_CHUNK, ids.size()));
                    full.setString(1, provider);
                    if (chunk.size() == fullSize) {
                        readChunk(full, 1, chunk, rs -> found.put(rs.getString(1), rs.getString(2)));
                    } else {
                        try (PreparedStatement last = connection.prepareStatement(unknownSql(chunk.size()))) {
                            last.setString(1, provider);
                            readChunk(last, 1, chunk, rs -> found.put(rs.getString(1), rs.getString(2)));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new TrackingStoreException(fullChunk, e);
            }
        }
        if (!found.isEmpty()) { // rare: one accepted since (sent again on purpose) is no longer unknown
            found.keySet().removeAll(earlierContent(provider, found.keySet()).keySet());
        }
        found.putAll(inFlightNotAccepted(provider, externalIds));
        return found;
    }

    /** Unknown outcomes of a provider's ids, latest reason last (so it wins). */
    private static String unknownSql(int ids) {
        return "SELECT external_id, reason FROM sms_unknown_send WHERE provider = ? AND external_id IN ("
               + "?,".repeat(ids - 1) + "?) ORDER BY id";
    }

    /**
     * Of these external ids, the ones in a batch in flight now (this process's or another's on the same database)
     * and not accepted since, with the batch's reason. Rows of sms_in_flight_batch are few (the batches being sent
     * right now), so they are read whole.
     */
    private Map<String, String> inFlightNotAccepted(String provider, Collection<String> externalIds) {
        Set<String> asked = externalIds instanceof Set<String> set ? set : new HashSet<>(externalIds);
        Map<String, String> found = new HashMap<>();
        query("SELECT reason, messages FROM sms_in_flight_batch WHERE provider = ? ORDER BY created_at, batch_key,"
              + " part", s -> s.setString(1, provider), rs -> {
                  String reason = rs.getString(1);
                  for (InFlightBatch.Entry e : InFlightBatch.decode(rs.getString(2))) {
                      if (e.externalId() != null && asked.contains(e.externalId())) {
                          found.put(e.externalId(), reason);
                      }
                  }
              });
        if (!found.isEmpty()) {
            found.keySet().removeAll(earlierContent(provider, found.keySet()).keySet());
        }
        return found;
    }

    @Override
    public List<String> openCampaigns(String provider, String account) {
        awaitExpanded();
        List<String> campaigns = new ArrayList<>();
        query("SELECT DISTINCT campaign_id FROM sms_message WHERE provider = ? AND account = ? AND is_final = FALSE"
              + " AND campaign_id IS NOT NULL ORDER BY campaign_id", s -> {
                  s.setString(1, provider);
                  s.setString(2, account);
              }, rs -> campaigns.add(rs.getString(1)));
        return campaigns;
    }

    @Override
    public boolean hasOpenMessages(String provider) {
        awaitExpanded();
        boolean[] found = {false};
        query("SELECT 1 FROM sms_message WHERE provider = ? AND is_final = FALSE FETCH FIRST 1 ROWS ONLY",
                s -> s.setString(1, provider), rs -> found[0] = true);
        return found[0];
    }

    @Override
    public OpenMessages openMessageCount(String provider, String account) {
        awaitExpanded();
        OpenMessages[] open = {new OpenMessages(0, null)};
        query("SELECT COUNT(*), MIN(created_at) FROM sms_message WHERE provider = ? AND account = ?"
              + " AND is_final = FALSE", s -> {
                  s.setString(1, provider);
                  s.setString(2, account);
              }, rs -> open[0] = new OpenMessages(rs.getLong(1), instant(rs, 2)));
        return open[0];
    }

    @Override
    public List<TrackedMessage> openMessages(String provider, String account, int limit) {
        awaitExpanded();
        return messages("SELECT " + COLUMNS + " FROM sms_message WHERE provider = ? AND account = ? AND is_final = FALSE"
                        + " ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", s -> {
                            s.setString(1, provider);
                            s.setString(2, account);
                        });
    }

    /** One pass over the (provider, origin_file, status) index (V11), not over the messages. */
    @Override
    public Map<String, Map<DeliveryStatus, Long>> statusCountsByProvider() {
        awaitExpanded();
        Map<String, Map<DeliveryStatus, Long>> counts = new TreeMap<>();
        query("SELECT provider, status, COUNT(*) FROM sms_message GROUP BY provider, status", s -> { },
                rs -> counts.computeIfAbsent(rs.getString(1), p -> new EnumMap<>(DeliveryStatus.class))
                        .put(DeliveryStatus.valueOf(rs.getString(2)), rs.getLong(3)));
        return counts;
    }

    /** A range of the (provider, origin_file, status) index (V11). */
    @Override
    public Map<DeliveryStatus, Long> statusCounts(String provider, String originFile) {
        awaitExpanded();
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        query("SELECT status, COUNT(*) FROM sms_message WHERE provider = ? AND origin_file = ? GROUP BY status", s -> {
            s.setString(1, provider);
            s.setString(2, originFile);
        }, rs -> counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2)));
        return counts;
    }

    @Override
    public Optional<TrackedMessage> findByProviderMessageId(String provider, String account,
                                                            String providerMessageId) {
        awaitExpanded();
        return messages("SELECT " + COLUMNS + " FROM sms_message WHERE provider = ? AND provider_message_id = ?"
                        + " AND account = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", s -> {
                            s.setString(1, provider);
                            s.setString(2, providerMessageId);
                            s.setString(3, account);
                        }).stream().findFirst();
    }

    /** Open copies first (FALSE sorts before TRUE), oldest first. */
    @Override
    public List<TrackedMessage> findByCampaignAndRecipient(String provider, String account, String campaignId,
                                                           String recipient) {
        awaitExpanded();
        return messages("SELECT " + COLUMNS + " FROM sms_message WHERE campaign_recipient = ? AND provider = ?"
                        + " AND campaign_id = ? AND recipient = ? AND account = ? ORDER BY is_final, id", s -> {
                            s.setString(1, campaignRecipient(campaignId, recipient));
                            s.setString(2, provider);
                            s.setString(3, campaignId);
                            s.setString(4, recipient);
                            s.setString(5, account);
                        });
    }

    /** The reply look-up's key (V3 migration); null without a campaign, so such rows cost the index nothing. */
    private static String campaignRecipient(String campaignId, String recipient) {
        return campaignId == null ? null : campaignId + " " + recipient;
    }

    /** One look-up per {@value #IN_CHUNK} ids, on the (provider, provider_message_id) index. */
    @Override
    public Map<String, TrackedMessage> findByProviderMessageIds(String provider, String account,
                                                                Collection<String> providerMessageIds) {
        awaitExpanded();
        Map<String, TrackedMessage> found = new HashMap<>();
        List<String> ids = providerMessageIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String sql = "SELECT " + COLUMNS + " FROM sms_message WHERE provider = ? AND provider_message_id IN ("
                         + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") AND account = ?";
            query(sql, s -> {
                s.setString(1, provider);
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 2, chunk.get(i));
                }
                s.setString(chunk.size() + 2, account);
            }, rs -> {
                TrackedMessage m = message(rs);
                // the latest message, if the provider reused an id (as findByProviderMessageId)
                found.merge(m.providerMessageId(), m, (a, b) -> a.id() > b.id() ? a : b);
            });
        }
        return found;
    }

    @Override
    public boolean updateStatus(long id, DeliveryStatus status, String rawStatus, Instant statusAt) {
        return statusUpdates.write(new StatusChange(id, status, rawStatus, statusAt));
    }

    /** The changes join the group commit together: one transaction (with whatever else is queued). */
    @Override
    public boolean[] updateStatuses(List<StatusChange> changes) {
        return changes.isEmpty() ? new boolean[0] : statusUpdates.write(changes);
    }

    @Override
    public long statusMark() {
        return statusCommits.get();
    }

    /**
     * A status recorded after the mark and not seen by a look-up made after it was committed after that look-up
     * began, so it was stamped with a count above the mark; a stripe stamped at or below the mark had no such write.
     */
    @Override
    public boolean changedSince(long id, long mark) {
        return statusStamps.get(stripe(id)) > mark;
    }

    private static int stripe(long id) {
        return (int) (id ^ (id >>> 32)) & (STATUS_STRIPES - 1);
    }

    /** Status updates of concurrent reports in one transaction: one JDBC batch per status. */
    private boolean[] writeStatuses(List<StatusChange> updates) {
        boolean[] written = inTransaction(connection -> {
            boolean[] updated = new boolean[updates.size()];
            Instant now = clock.instant();
            Map<DeliveryStatus, List<Integer>> byStatus = new EnumMap<>(DeliveryStatus.class);
            for (int i = 0; i < updates.size(); i++) {
                byStatus.computeIfAbsent(updates.get(i).status(), s -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<DeliveryStatus, List<Integer>> group : byStatus.entrySet()) {
                DeliveryStatus status = group.getKey();
                try (PreparedStatement update = connection.prepareStatement("UPDATE sms_message SET status = ?,"
                        + " raw_status = ?, status_at = ?, updated_at = ?, is_final = ? WHERE id = ?"
                        + " AND " + StatusOrder.updateCondition(status))) {
                    for (int i : group.getValue()) {
                        StatusChange u = updates.get(i);
                        update.setString(1, status.name());
                        update.setString(2, u.rawStatus());
                        setInstant(update, 3, u.statusAt());
                        setInstant(update, 4, now);
                        update.setBoolean(5, status.isFinal());
                        update.setLong(6, u.id());
                        update.setString(7, u.rawStatus());
                        update.addBatch();
                    }
                    int[] counts = update.executeBatch();
                    for (int k = 0; k < counts.length; k++) {
                        updated[group.getValue().get(k)] = counts[k] == 1;
                    }
                }
            }
            return updated;
        });
        long commit = statusCommits.incrementAndGet();
        for (StatusChange u : updates) {
            statusStamps.accumulateAndGet(stripe(u.id()), commit, Math::max);
        }
        return written;
    }

    @Override
    public List<TrackedMessage> openOlderThan(String provider, String account, Instant cutoff, int limit) {
        awaitExpanded();
        return messages("SELECT " + COLUMNS + " FROM sms_message WHERE provider = ? AND account = ?"
                        + " AND is_final = FALSE AND created_at < ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY",
                s -> {
                    s.setString(1, provider);
                    s.setString(2, account);
                    setInstant(s, 3, cutoff);
                });
    }

    @Override
    public boolean claim(String key) {
        return claims.add(key);
    }

    @Override
    public void release(String key) {
        claims.remove(key);
    }

    // IdempotentRepository: the ids of events already emitted

    @Override
    public boolean add(String eventId) {
        return eventInserts.write(eventId);
    }

    /**
     * Event ids of concurrent callers in one transaction: the ones already there (or earlier in the group) answer
     * false, the others are inserted in one batch. Another process inserting one of them meanwhile fails the group
     * with a duplicate key: then each goes in a transaction of its own, as before groups.
     */
    private boolean[] insertEvents(List<String> eventIds) {
        try {
            return inTransaction(connection -> {
                Set<String> present = new HashSet<>();
                for (int from = 0; from < eventIds.size(); from += IN_CHUNK) {
                    List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + IN_CHUNK));
                    try (PreparedStatement select = connection.prepareStatement("SELECT event_id FROM sms_event"
                            + " WHERE event_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                        for (int i = 0; i < chunk.size(); i++) {
                            select.setString(i + 1, chunk.get(i));
                        }
                        try (ResultSet rs = select.executeQuery()) {
                            while (rs.next()) {
                                present.add(rs.getString(1));
                            }
                        }
                    }
                }
                boolean[] added = new boolean[eventIds.size()];
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO sms_event (event_id, emitted_at) VALUES (?, ?)")) {
                    Timestamp now = Timestamp.from(clock.instant());
                    for (int i = 0; i < eventIds.size(); i++) {
                        added[i] = present.add(eventIds.get(i));
                        if (added[i]) {
                            insert.setString(1, eventIds.get(i));
                            insert.setTimestamp(2, now);
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
                return added;
            });
        } catch (TrackingStoreException e) {
            if (!(e.getCause() instanceof SQLException cause) || !anyDuplicateKey(cause)) {
                throw e;
            }
            boolean[] added = new boolean[eventIds.size()];
            for (int i = 0; i < eventIds.size(); i++) {
                added[i] = insertEvent(eventIds.get(i));
            }
            return added;
        }
    }

    private boolean insertEvent(String eventId) {
        return inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sms_event (event_id, emitted_at) VALUES (?, ?)")) {
                insert.setString(1, eventId);
                setInstant(insert, 2, clock.instant());
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public boolean contains(String eventId) {
        boolean[] found = {false};
        query("SELECT 1 FROM sms_event WHERE event_id = ?", s -> s.setString(1, eventId), rs -> found[0] = true);
        return found[0];
    }

    @Override
    public boolean remove(String eventId) {
        return inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sms_event WHERE event_id = ?")) {
                delete.setString(1, eventId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean confirm(String eventId) {
        return true;
    }

    @Override
    public void clear() {
        inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sms_event")) {
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** A duplicate key in the exception or the ones it chains (a batch's failure names its statement's there). */
    private static boolean anyDuplicateKey(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (isDuplicateKey(next) || next.getCause() instanceof SQLException cause && isDuplicateKey(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDuplicateKey(SQLException e) {
        // SQLState class 23: integrity constraint violation (H2 and PostgreSQL alike)
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private List<TrackedMessage> messages(String sql, Binder binder) {
        List<TrackedMessage> found = new ArrayList<>();
        query(sql, binder, rs -> found.add(message(rs)));
        return found;
    }

    /** A row read with {@link #COLUMNS} first. */
    private static TrackedMessage message(ResultSet rs) throws SQLException {
        return new TrackedMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), DeliveryStatus.valueOf(rs.getString(8)), rs.getString(9),
                instant(rs, 10), instant(rs, 11), instant(rs, 12), rs.getString(13), rs.getString(14));
    }

    /** A connection; the first use starts the store (DataSource look-up, schema migration) if nobody did. */
    private Connection connection() throws SQLException {
        if (stopped) {
            throw new IllegalStateException("the tracking store is stopped");
        }
        if (!isStarted()) {
            start();
        }
        return dataSource.getConnection();
    }

    private void query(String sql, Binder binder, RowReader reader) {
        try (Connection connection = connection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new TrackingStoreException(sql, e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new TrackingStoreException("transaction", e);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        Timestamp value = rs.getTimestamp(index);
        return value == null ? null : value.toInstant();
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A database failure, naming the statement that failed. */
    public static final class TrackingStoreException extends RuntimeException {
        TrackingStoreException(String what, SQLException cause) {
            super("tracking store: " + what + " failed: " + cause.getMessage(), cause);
        }
    }
}
