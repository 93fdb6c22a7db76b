package io.camelsms.tracking;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded default: an H2 database in files. */
class H2TrackingStoreTest extends TrackingStoreContract {

    @TempDir
    static Path directory;
    private static JdbcDataSource dataSource;

    @BeforeAll
    static void createDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("tracking") + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected DataSource freshDataSource(String name) {
        JdbcDataSource fresh = new JdbcDataSource();
        fresh.setURL("jdbc:h2:file:" + directory.resolve(name + "-" + System.nanoTime()) + ";DB_CLOSE_DELAY=-1");
        fresh.setUser("sa");
        return fresh;
    }

    @Override
    protected String analyzeStatement() {
        return "ANALYZE TABLE sms_message";
    }

    @Override
    protected void wipe() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM sms_message");
            s.execute("DELETE FROM sms_event");
            s.execute("DELETE FROM sms_unknown_send");
            s.execute("DELETE FROM sms_in_flight_batch");
            s.execute("DELETE FROM sms_accepted_batch");
        }
    }
}
