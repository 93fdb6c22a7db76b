package io.camelsms.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Cluster mode's scheduled polls (the {@code scheduler=quartz} routes): Quartz's clustered JDBC JobStore on the
 * tracking store's PostgreSQL, so each cron firing runs on one node of the cluster, and a node that dies mid-poll
 * is noticed by the others' check-in (its firing recovered) without stopping the schedule. Every node must use the
 * same Quartz instance name (the cluster's), the same CamelContext name ({@code camel.main.name}: the job finds its
 * route by it) and routes with a fixed {@code scheduler.triggerId}/{@code triggerGroup}, or each node would add a
 * trigger of its own.
 */
final class ClusterPolls {

    /** Quartz's tables' history, apart from the tracking store's: only cluster mode creates them. */
    private static final String HISTORY = "camel_sms_quartz_schema_history";
    private static final String QUARTZ_TABLES = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    private ClusterPolls() {
    }

    /**
     * Points camel-quartz at a clustered scheduler on {@code dataSource}, its tables created first if missing.
     *
     * @param nodeId        this node's Quartz instance id (unique in the cluster)
     * @param checkinInterval how often a node tells the others it lives; a node silent for about this long (plus a
     *                      margin of Quartz's) has its in-progress firings recovered by another node
     */
    static void configure(CamelContext context, DataSource dataSource, String nodeId, Duration checkinInterval) {
        Flyway.configure().dataSource(dataSource).table(HISTORY).locations(new String[0])
                .javaMigrations(new V9_1__Quartz_tables()).baselineOnMigrate(true).baselineVersion("0")
                .load().migrate();
        // Quartz takes its connections from a registry of names: one name per node, for nodes sharing a JVM (tests)
        String dataSourceName = "camel-sms-" + nodeId;
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new Connections(dataSource));
        Properties quartz = new Properties();
        quartz.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "camel-sms-cluster");
        quartz.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, nodeId);
        quartz.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.setProperty("org.quartz.threadPool.threadCount", "2");
        quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(checkinInterval.toMillis()));
        quartz.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        StdSchedulerFactory factory;
        try {
            factory = new StdSchedulerFactory(quartz);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cluster polls: " + e.getMessage(), e);
        }
        context.getComponent("quartz", QuartzComponent.class).setSchedulerFactory(new OwnScheduler(factory));
    }

    /**
     * Quartz keeps one scheduler per name and JVM; the nodes of a test share a JVM and one name, so each node's
     * scheduler is taken out of that registry once made, and the next node gets one of its own.
     */
    private record OwnScheduler(StdSchedulerFactory factory) implements org.quartz.SchedulerFactory {
        @Override
        public Scheduler getScheduler() throws SchedulerException {
            Scheduler scheduler = factory.getScheduler();
            SchedulerRepository.getInstance().remove(scheduler.getSchedulerName());
            return sharingTriggers(scheduler);
        }

        /**
         * Nodes starting together each find a route's trigger missing and store it: all but one get Quartz's
         * ObjectAlreadyExistsException, which camel-quartz's first scheduleJob does not expect. The trigger they
         * meant is then in the store, the cluster's, so it is what this node schedules with.
         */
        private static Scheduler sharingTriggers(Scheduler scheduler) {
            return (Scheduler) Proxy.newProxyInstance(Scheduler.class.getClassLoader(), new Class<?>[] {Scheduler.class},
                    (proxy, method, args) -> {
                        try {
                            return method.invoke(scheduler, args);
                        } catch (InvocationTargetException e) {
                            if (e.getCause() instanceof ObjectAlreadyExistsException
                                && method.getName().equals("scheduleJob") && args.length == 2
                                && args[1] instanceof Trigger trigger) {
                                Trigger stored = scheduler.getTrigger(trigger.getKey());
                                if (stored != null) {
                                    return stored.getNextFireTime();
                                }
                            }
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Scheduler getScheduler(String name) throws SchedulerException {
            return factory.getScheduler(name);
        }

        @Override
        public java.util.Collection<Scheduler> getAllSchedulers() throws SchedulerException {
            return factory.getAllSchedulers();
        }
    }

    private record Connections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the DataSource is the tracking store's, closed by its owner
        }

        @Override
        public void initialize() {
            // nothing to open: the DataSource is ready
        }
    }

    /** Quartz's own PostgreSQL tables, from the script Quartz publishes in its jar (version 9 of camel-sms's). */
    static final class V9_1__Quartz_tables extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            String script;
            try (InputStream in = StdSchedulerFactory.class.getClassLoader().getResourceAsStream(QUARTZ_TABLES)) {
                if (in == null) {
                    throw new IOException(QUARTZ_TABLES + " not found in the Quartz jar");
                }
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try (Statement statement = context.getConnection().createStatement()) {
                for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                    String trimmed = sql.strip();
                    // its COMMIT is Flyway's to do, at the end of this migration's transaction
                    if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("commit")) {
                        statement.execute(trimmed);
                    }
                }
            }
        }
    }
}
