package io.camelsms.painel;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.testing.PostgresExtension;
import io.camelsms.tracking.JdbcTrackingStore;

/**
 * Every painel tracking test (statuses, a failed route, a restart, expiry, push beside poll, replies matched to
 * their message) on a real PostgreSQL: a database of its own per test.
 */
class PainelTrackingPostgresTest extends PainelTrackingTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    protected JdbcTrackingStore newStore() throws Exception {
        return new JdbcTrackingStore(POSTGRES.freshDatabase("painel_tracking"));
    }
}
