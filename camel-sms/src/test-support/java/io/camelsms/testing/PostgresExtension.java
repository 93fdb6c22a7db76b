package io.camelsms.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL per test class, started from a Maven dependency, with a new empty database on demand:
 * {@code @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();}
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
    }

    /** The server's default database, shared by whoever uses it. */
    public DataSource postgresDatabase() {
        return postgres.getPostgresDatabase();
    }

    /** A database of its own, named after {@code purpose}. */
    public DataSource freshDatabase(String purpose) throws SQLException {
        String name = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                      + databases.incrementAndGet();
        try (Connection c = postgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }
}
