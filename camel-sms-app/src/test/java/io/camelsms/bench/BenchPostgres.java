package io.camelsms.bench;

import java.io.IOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for a benchmark run, set up as docs/delivery-tracking.md tells users to: a plain
 * {@code PGSimpleDataSource} with {@code reWriteBatchedInserts=true}, the server's default durability
 * (synchronous_commit on).
 */
final class BenchPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private BenchPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static BenchPostgres start() throws IOException {
        return new BenchPostgres(EmbeddedPostgres.builder().start());
    }

    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?reWriteBatchedInserts=true");
        dataSource.setUser("postgres");
        return dataSource;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
