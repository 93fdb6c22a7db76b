package io.camelsms.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import io.camelsms.core.QuotaThrottle;
import io.camelsms.core.SharedQuota;
import io.camelsms.core.SharedRateGuard;
import io.camelsms.tracking.JdbcTrackingStore;

/**
 * The tracking store of a node in a cluster: {@link JdbcTrackingStore} on PostgreSQL, with its claims (a status
 * change or reply being routed) held in the database for every node to see, instead of in this process. So a
 * change that arrives by webhook at one node and by a poll at another is routed once: the first node to claim it
 * routes it, records it and gives the claim back; the others find it claimed, then recorded. A node that dies while
 * routing loses its claims after the lease, and the change is routed again by whichever node sees it next.
 *
 * <p>It is also the cluster's {@link SharedRateGuard}: a component whose provider limits calls per account (painel's
 * getstatus and getbalance, once a minute) takes its slots here, and its {@link SharedQuota}: smsway's per-minute,
 * hour and day quotas count every node's sends. So the limits hold for the cluster, not per node.
 *
 * <p>On start it refuses any database but PostgreSQL (an embedded H2 store is one process's) and creates the cluster
 * tables ({@code db/cluster}, history in {@code camel_sms_cluster_schema_history}).
 */
public class ClusteredTrackingStore extends JdbcTrackingStore implements SharedRateGuard, SharedQuota {

    private final Supplier<DataSource> dataSource;
    private final ClusterClaims claims;
    private final ClusterRateGuard rates;
    private final ClusterQuota quotas;

    /**
     * @param nodeId this process's name in the cluster (unique per running process)
     * @param lease  how long a claim of a node that stopped answering lasts
     */
    public ClusteredTrackingStore(Supplier<DataSource> dataSource, Clock clock, String nodeId, Duration lease) {
        super(dataSource, clock);
        // every node's resume check must see every accepted batch: the other nodes do not see this one's pending
        // batches, so each batch goes into sms_message in the transaction that records it
        setBackgroundExpansion(false);
        this.dataSource = dataSource;
        this.claims = new ClusterClaims(dataSource, "tracking", nodeId, lease);
        this.rates = new ClusterRateGuard(dataSource);
        this.quotas = new ClusterQuota(dataSource);
    }

    public ClusteredTrackingStore(DataSource dataSource, String nodeId, Duration lease) {
        this(() -> dataSource, Clock.systemUTC(), nodeId, lease);
    }

    @Override
    protected void doStart() {
        DataSource found = dataSource.get();
        if (found == null) {
            throw new IllegalStateException("tracking store: no DataSource to use");
        }
        requirePostgres(found);
        super.doStart();
        migrate(found);
        claims.start();
    }

    @Override
    protected void doStop() {
        claims.stop();
        super.doStop();
    }

    /** Claims {@code key} for this node across the cluster (see {@link ClusterClaims#add}). */
    /** Other nodes record statuses too: a claimed message is always read again. */
    @Override
    public boolean changedSince(long id, long mark) {
        return true;
    }

    @Override
    public boolean claim(String key) {
        return claims.add(key);
    }

    @Override
    public void release(String key) {
        claims.remove(key);
    }

    @Override
    public Duration tryTake(String key, Instant now, Duration interval) {
        return rates.tryTake(key, now, interval);
    }

    @Override
    public boolean isFree(String key, Instant now, Duration interval) {
        return rates.isFree(key, now, interval);
    }

    @Override
    public void finished(String key, Instant at) {
        rates.finished(key, at);
    }

    @Override
    public Grant tryAcquire(String key, List<QuotaThrottle.Window> windows, Instant now) {
        return quotas.tryAcquire(key, windows, now);
    }

    @Override
    public void done(long permit, Instant at) {
        quotas.done(permit, at);
    }

    /** Cluster mode shares state through PostgreSQL only: anything else is refused, saying what was found. */
    public static void requirePostgres(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new ClusterException("reading the database's name", e);
        }
        if (!"PostgreSQL".equals(product)) {
            throw new ClusterException("cluster mode needs a PostgreSQL tracking store shared by every node; this"
                    + " DataSource is " + product + " (the embedded H2 store belongs to one process)");
        }
    }

    /** The cluster tables (V9), once per database whatever the number of nodes starting: Flyway locks its history. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/cluster")
                .table("camel_sms_cluster_schema_history")
                // the tracking tables are there already: the cluster history starts below V9, not at 1
                .baselineOnMigrate(true).baselineVersion("8").load().migrate();
    }
}
