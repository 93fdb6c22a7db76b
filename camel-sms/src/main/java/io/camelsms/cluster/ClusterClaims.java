package io.camelsms.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims with a lease, shared by every node on one PostgreSQL database: a claim is a row of
 * {@code sms_cluster_claim}, taken by one atomic {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} (PostgreSQL's row
 * lock decides between nodes that claim at once), extended by its holder every third of the lease while it lives,
 * and deleted when the work is done. A node that dies stops extending its claims; once their lease has run out any
 * node may take them over. The lease is timed by the database's clock, so nodes' clocks need not agree.
 *
 * <p>It is Camel's {@link IdempotentRepository}: {@link #add} claims, {@link #remove} gives back, so it serves as the
 * file consumer's {@code readLock=idempotent} repository as well as the tracking store's claims. Camel's own
 * {@code JdbcOrphanLockAwareIdempotentRepository} has the same idea but takes an expired lock over with an
 * unconditional UPDATE (two nodes can both win it) and does not keep a taken-over lock alive; here both are one
 * conditional statement.
 */
public final class ClusterClaims extends ServiceSupport implements IdempotentRepository {

    /** The width of sms_cluster_claim.claim_key (V9); longer keys are stored as their digest. */
    static final int MAX_KEY = 512;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterClaims.class);

    private static final String CLAIM = "INSERT INTO sms_cluster_claim (claim_key, owner, lease_until)"
            + " VALUES (?, ?, now() + ? * INTERVAL '1 millisecond') ON CONFLICT (claim_key) DO UPDATE"
            + " SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until"
            + " WHERE sms_cluster_claim.lease_until < now()";

    private final Supplier<DataSource> dataSourceSupplier;
    private final String namespace;
    private final String nodeId;
    private final Duration lease;
    private volatile DataSource dataSource;
    private ScheduledExecutorService keepAlive;

    /**
     * @param namespace what the claims are for ("tracking", "inbox"): the same key in two namespaces is two claims
     * @param nodeId    this node's name in the cluster, unique per running process (a pod's name and a random part)
     * @param lease     how long a claim outlives its holder's last keep-alive
     */
    public ClusterClaims(Supplier<DataSource> dataSource, String namespace, String nodeId, Duration lease) {
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("cluster claim lease must be at least 300 ms, was " + lease);
        }
        this.dataSourceSupplier = dataSource;
        this.namespace = namespace;
        this.nodeId = nodeId;
        this.lease = lease;
    }

    public String nodeId() {
        return nodeId;
    }

    public Duration lease() {
        return lease;
    }

    /** Claims {@code key} for this node: true when nobody held it, or its holder's lease had run out. */
    @Override
    public boolean add(String key) {
        return update(CLAIM, key, true) == 1;
    }

    /** Whether anyone holds {@code key} with a lease still running. */
    @Override
    public boolean contains(String key) {
        try (Connection connection = connection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT 1 FROM sms_cluster_claim WHERE claim_key = ? AND lease_until >= now()")) {
            select.setString(1, stored(key));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new ClusterException("reading a claim", e);
        }
    }

    /** Gives back this node's claim on {@code key}; a claim another node took over after our lease is left alone. */
    @Override
    public boolean remove(String key) {
        return update("DELETE FROM sms_cluster_claim WHERE claim_key = ? AND owner = ?", key, false) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    /** Gives back every claim this node holds. */
    @Override
    public void clear() {
        releaseAll();
    }

    private int update(String sql, String key, boolean withLease) {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, stored(key));
            statement.setString(2, nodeId);
            if (withLease) {
                statement.setLong(3, lease.toMillis());
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new ClusterException(withLease ? "claiming" : "releasing a claim", e);
        }
    }

    /** Extends every claim this node holds; run every third of the lease, so two missed runs still keep them. */
    void keepAlive() {
        try (Connection connection = connection();
             PreparedStatement update = connection.prepareStatement("UPDATE sms_cluster_claim SET lease_until ="
                     + " now() + ? * INTERVAL '1 millisecond' WHERE owner = ? AND claim_key LIKE ?")) {
            update.setLong(1, lease.toMillis());
            update.setString(2, nodeId);
            update.setString(3, namespace + ":%");
            update.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cluster claims ({}): keep-alive failed, claims run out in {} unless the next one succeeds: {}",
                    namespace, lease, e.getMessage());
            LOG.debug("cluster claims keep-alive", e);
        }
    }

    private void releaseAll() {
        try (Connection connection = connection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM sms_cluster_claim WHERE owner = ? AND claim_key LIKE ?")) {
            delete.setString(1, nodeId);
            delete.setString(2, namespace + ":%");
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new ClusterException("releasing this node's claims", e);
        }
    }

    /** The key as stored: namespaced, and a digest when too long for the column. */
    private String stored(String key) {
        String full = namespace + ":" + key;
        return full.length() <= MAX_KEY ? full : namespace + ":sha256:" + sha256(key);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connection() throws SQLException {
        if (dataSource == null) {
            start();
        }
        return dataSource.getConnection();
    }

    @Override
    protected void doStart() {
        DataSource found = dataSourceSupplier.get();
        if (found == null) {
            throw new IllegalStateException("cluster claims: no DataSource to use");
        }
        dataSource = found;
        keepAlive = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "camel-sms-cluster-keepalive-" + namespace);
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, lease.toMillis() / 3);
        keepAlive.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops extending, and gives back what this node still holds: a node that stops in order frees its work now. */
    @Override
    protected void doStop() {
        if (keepAlive != null) {
            keepAlive.shutdownNow();
            keepAlive = null;
        }
        if (dataSource != null) {
            try {
                releaseAll();
            } catch (ClusterException e) {
                LOG.warn("cluster claims ({}): {}; they run out after {}", namespace, e.getMessage(), lease);
            }
        }
    }
}
