package io.camelsms.tracking;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.testing.PostgresExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract on a real PostgreSQL 16, started from a Maven dependency for this test class. */
class PostgresTrackingStoreTest extends TrackingStoreContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    protected DataSource dataSource() {
        return POSTGRES.postgresDatabase();
    }

    @Override
    protected String analyzeStatement() {
        return "ANALYZE sms_message";
    }

    @Override
    protected DataSource freshDataSource(String name) throws Exception {
        return POSTGRES.freshDatabase(name);
    }

    @Test
    void aNewTableGetsStatisticsAfterItsFirstBatchSoTheResumeCheckLooksUpEachId() throws Exception {
        DataSource fresh = freshDataSource("statistics");
        JdbcTrackingStore store = new JdbcTrackingStore(fresh);
        store.start();
        try {
            Instant now = Instant.now();
            List<TrackedMessage> batch = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                batch.add(TrackedMessage.accepted("pwapi", "acct", "row-" + i, "5511" + (900_000_000 + i),
                        Integer.toString(i), null, now));
            }
            store.recordAccepted(batch);
            assertEquals(Set.of("row-7", "row-19999"), store.earlierContent("pwapi",
                    List.of("row-7", "row-19999", "row-20000")).keySet());
            store.awaitExpanded(); // the batch's rows reach sms_message through the expander, which analyzes after
            try (Connection c = fresh.getConnection(); Statement s = c.createStatement()) {
                try (var rs = s.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'sms_message'::regclass")) {
                    assertTrue(rs.next());
                    assertEquals(20_000, rs.getFloat(1), 1_000, "statistics after the first batch");
                }
                String plan = plan(s, "SELECT external_id, provider, content_hash FROM sms_message"
                                      + " WHERE external_id IN ('row-1', 'row-2', 'row-3')");
                assertTrue(plan.contains("sms_message_external_id"), plan);
                plan = plan(s, "SELECT * FROM sms_message WHERE campaign_recipient = '1 5511900000001'"
                               + " AND provider = 'pwapi'");
                assertTrue(plan.contains("sms_message_campaign_recipient"), plan);
            }
        } finally {
            store.stop();
        }
    }

    @Override
    protected void wipe() throws Exception {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE sms_message, sms_event, sms_unknown_send, sms_in_flight_batch, sms_accepted_batch");
        }
    }
}
