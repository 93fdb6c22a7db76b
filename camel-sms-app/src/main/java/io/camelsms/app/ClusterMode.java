package io.camelsms.app;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.cluster.ClusterClaims;
import io.camelsms.cluster.ClusterException;
import io.camelsms.cluster.ClusteredTrackingStore;
import io.camelsms.tracking.TrackingStore;

/**
 * {@code sms.cluster.enabled=true}: several app nodes on one PostgreSQL tracking store (see docs/cluster.md). The
 * store's claims are cluster-wide (each status change and reply routed once), the inbox's files are claimed in the
 * database (a file is sent by one node; a node that dies loses its file after the lease and another resumes it from
 * the tracking store), and the scheduled polls run on Quartz's clustered JobStore (once per firing).
 */
final class ClusterMode {

    static final String ENABLED = "sms.cluster.enabled";
    /** The file route's idempotent repository in cluster mode: the inbox's claims in the database. */
    static final String INBOX_CLAIMS = "inboxClaims";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMode.class);

    private final String nodeId;
    private final Duration lease;
    private final Duration checkinInterval;
    private final String dataSourceName;
    private ClusteredTrackingStore store;

    private ClusterMode(String nodeId, Duration lease, Duration checkinInterval, String dataSourceName) {
        this.nodeId = nodeId;
        this.lease = lease;
        this.checkinInterval = checkinInterval;
        this.dataSourceName = dataSourceName;
    }

    static boolean enabled(CamelContext context) {
        return context.getPropertiesComponent().resolveProperty(ENABLED).map(Boolean::parseBoolean).orElse(false);
    }

    /** The settings, refused with what to do when cluster mode has no shared database to run on. */
    static ClusterMode of(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        String dataSourceName = properties.resolveProperty("sms.tracking.datasource").orElse("");
        if (dataSourceName.isBlank()) {
            throw new SmsApplication.CannotStartException(ENABLED + "=true needs a PostgreSQL tracking store shared by"
                    + " every node: define a DataSource bean and name it in sms.tracking.datasource (the embedded H2"
                    + " store belongs to one process)", null);
        }
        String nodeId = properties.resolveProperty("sms.cluster.node-id").filter(id -> !id.isBlank())
                .orElseGet(ClusterMode::defaultNodeId);
        Duration lease = Duration.ofMillis(properties.resolveProperty("sms.cluster.lease").map(Long::parseLong)
                .orElse(30_000L));
        Duration checkin = Duration.ofMillis(properties.resolveProperty("sms.cluster.checkin-interval")
                .map(Long::parseLong).orElse(7_500L));
        return new ClusterMode(nodeId, lease, checkin, dataSourceName);
    }

    /** The pod's name (Kubernetes sets HOSTNAME) and a random part: a restarted pod is a new node. */
    private static String defaultNodeId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "node");
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The clustered tracking store and the inbox's claims, and the file route's read lock switched to a claim in the
     * database ({@code readLock=idempotent-changed} on {@code inboxClaims}).
     */
    TrackingStore bind(CamelContext context) {
        store = new ClusteredTrackingStore(() -> dataSource(context), Clock.systemUTC(), nodeId,
                lease);
        context.getRegistry().bind(INBOX_CLAIMS, new ClusterClaims(() -> dataSource(context),
                "inbox", nodeId, lease));
        context.getPropertiesComponent().addOverrideProperty("sms.inbox.read-lock", "idempotent-changed");
        context.getPropertiesComponent().addOverrideProperty("sms.inbox.claims", "#" + INBOX_CLAIMS);
        LOG.info("Cluster mode: node {}, tracking store and claims on DataSource bean '{}', lease {}", nodeId,
                dataSourceName, lease);
        return store;
    }

    /**
     * Before Camel starts (beans defined by camel.beans.* exist by then): the database must be PostgreSQL, and the
     * quartz component gets the clustered scheduler.
     */
    void beforeStart(CamelContext context) {
        DataSource dataSource = dataSource(context);
        try {
            ClusteredTrackingStore.requirePostgres(dataSource);
        } catch (ClusterException e) {
            throw new SmsApplication.CannotStartException(e.getMessage() + "; set sms.tracking.datasource to a"
                    + " PostgreSQL DataSource bean, or " + ENABLED + "=false", e);
        }
        // the tracking store's schema first: its migrations expect a schema without Quartz's tables or with its
        // own history already there, and every node creating Quartz's tables after its own store keeps it so
        store.start();
        ClusterPolls.configure(context, dataSource, nodeId, checkinInterval);
    }

    private DataSource dataSource(CamelContext context) {
        DataSource found = context.getRegistry().lookupByNameAndType(dataSourceName, DataSource.class);
        if (found == null) {
            throw new SmsApplication.CannotStartException("sms.tracking.datasource names '" + dataSourceName
                    + "', but no DataSource bean has that name", null);
        }
        return found;
    }
}
