package io.camelsms.smsclouds;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.testing.PostgresExtension;

/** smsclouds:dlr end to end on a real PostgreSQL, started from a Maven dependency for this class. */
class SmscloudsDeliveryTrackingPostgresTest extends SmscloudsDeliveryTrackingTestBase {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    protected DataSource dataSource() {
        return POSTGRES.postgresDatabase();
    }
}
