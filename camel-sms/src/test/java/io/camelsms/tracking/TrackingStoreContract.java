package io.camelsms.tracking;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.SmsConfiguration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every tracking store database must do; run once per database. */
abstract class TrackingStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    protected abstract DataSource dataSource();

    /** Empties the tables between tests (the schema stays: migrating it again is part of the contract). */
    protected abstract void wipe() throws Exception;

    /** A new, empty database of the same kind, named {@code name}. */
    protected abstract DataSource freshDataSource(String name) throws Exception;

    /** The statement that updates the planner's statistics of sms_message. */
    protected abstract String analyzeStatement();

    /** The database's EXPLAIN of a query, lower case. */
    protected static String plan(Statement statement, String query) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = statement.executeQuery("EXPLAIN " + query)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString().toLowerCase(Locale.ROOT);
    }

    private JdbcTrackingStore store;

    @BeforeEach
    void startStore() throws Exception {
        store = new JdbcTrackingStore(dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
        store.start();
        wipe();
    }

    @AfterEach
    void stopStore() {
        store.stop();
    }

    private static TrackedMessage accepted(String externalId, String campaign, String providerId, Instant at) {
        return TrackedMessage.accepted("smsclouds", "acct", externalId, "+5215512345" + externalId.hashCode() % 1000,
                providerId, campaign, at);
    }

    @Test
    void aStoreFromBeforeVersion3StillMatchesRepliesToItsMessagesAfterTheUpgrade() throws Exception {
        DataSource existing = freshDataSource("upgraded");
        Flyway.configure().dataSource(existing).locations("classpath:db/tracking").table("camel_sms_schema_history")
                .target("2").load().migrate();
        try (Connection c = existing.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sms_message (provider, account, external_id, recipient, campaign_id, status,"
                      + " created_at, updated_at, is_final) VALUES ('painel', 'acct', 'cust-1', '21988887777', '1001',"
                      + " 'ACCEPTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE)");
        }
        JdbcTrackingStore upgraded = new JdbcTrackingStore(existing);
        upgraded.start();
        try {
            upgraded.recordAccepted(List.of(accepted("cust-2", "1001", null, T0)));
            // version 5 relabelled the painel login the row was stored under
            assertEquals("cust-1", upgraded.findByCampaignAndRecipient("painel", SmsConfiguration.accountLabel("acct"),
                    "1001", "21988887777").get(0).externalId());
            assertEquals(List.of(), upgraded.findByCampaignAndRecipient("smsclouds", "acct", "1001", "21988887777"));
            assertEquals(Set.of("cust-1"), upgraded.earlierContent("painel", List.of("cust-1", "cust-2")).keySet());
        } finally {
            upgraded.stop();
        }
    }

    @Test
    void aStoreFromBeforeVersion5HasItsLoginsReplacedByLabelsItsMessagesStillPolled() throws Exception {
        DataSource existing = freshDataSource("labels");
        Flyway.configure().dataSource(existing).locations("classpath:db/tracking").table("camel_sms_schema_history")
                .placeholders(java.util.Map.of("identity_cache", "1")).target("3").load().migrate();
        String digest = SmsConfiguration.accountLabel("a-token");
        try (Connection c = existing.getConnection(); Statement s = c.createStatement()) {
            for (String[] row : List.of(new String[] {"painel", "api-user-93kq"}, new String[] {"webcom", "web-login"},
                    new String[] {"smsclouds", digest}, new String[] {"pwapi", "default"})) {
                s.execute("INSERT INTO sms_message (provider, account, external_id, recipient, campaign_id, status,"
                          + " created_at, updated_at, is_final) VALUES ('" + row[0] + "', '" + row[1] + "', 'x-"
                          + row[0] + "', '21988887777', '1001', 'ACCEPTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                          + " FALSE)");
            }
        }
        JdbcTrackingStore upgraded = new JdbcTrackingStore(existing);
        upgraded.start();
        try {
            assertEquals(1, upgraded.openMessages("painel", SmsConfiguration.accountLabel("api-user-93kq"), 10).size());
            assertEquals(1, upgraded.openMessages("webcom", SmsConfiguration.accountLabel("web-login"), 10).size());
            assertEquals(1, upgraded.openMessages("smsclouds", digest, 10).size(), "a digest stays as it was");
            assertEquals(1, upgraded.openMessages("pwapi", "default", 10).size());
            try (Connection c = existing.getConnection(); Statement s = c.createStatement();
                 ResultSet accounts = s.executeQuery("SELECT account FROM sms_message")) {
                while (accounts.next()) {
                    String account = accounts.getString(1);
                    assertTrue(account.equals("default") || account.startsWith("sha256:"), account);
                }
            }
        } finally {
            upgraded.stop();
        }
    }

    @Test
    void pollingQueriesUseTheOpenIndexBesideAHundredThousandFinalMessages() throws Exception {
        Instant now = Instant.now();
        List<TrackedMessage> finals = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            finals.add(new TrackedMessage(0, "smsclouds", "acct", "f-" + i, "44" + (10_000_000 + i), null,
                    "done-" + (i / 1000), DeliveryStatus.DELIVERED, "sent", now, now, now, null, null));
        }
        store.recordAccepted(finals);
        List<TrackedMessage> open = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            open.add(TrackedMessage.accepted("smsclouds", "acct", "o-" + i, "55" + (10_000_000 + i), null, "open-1",
                    now));
        }
        store.recordAccepted(open);
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(analyzeStatement());
            for (String query : List.of("SELECT DISTINCT campaign_id FROM sms_message WHERE provider = 'smsclouds'"
                                        + " AND account = 'acct' AND is_final = FALSE AND campaign_id IS NOT NULL",
                    "SELECT id FROM sms_message WHERE provider = 'smsclouds' AND account = 'acct' AND is_final = FALSE"
                    + " ORDER BY id FETCH FIRST 100 ROWS ONLY",
                    "SELECT 1 FROM sms_message WHERE provider = 'smsclouds' AND is_final = FALSE"
                    + " FETCH FIRST 1 ROWS ONLY")) {
                String plan = plan(s, query);
                assertTrue(plan.contains("sms_message_open"), query + "\n" + plan);
                // a full scan: PostgreSQL's "Seq Scan", H2's "tableScan"
                assertFalse(plan.contains("seq scan") || plan.contains("tablescan"), query + "\n" + plan);
            }
            // a file's counts (the status page) read a range of their own index too
            String fileCounts = "SELECT status, COUNT(*) FROM sms_message WHERE provider = 'smsclouds'"
                                + " AND origin_file = 'a.csv' GROUP BY status";
            assertTrue(plan(s, fileCounts).contains("sms_message_status_counts"), plan(s, fileCounts));
        }
        assertEquals(List.of("open-1"), store.openCampaigns("smsclouds", "acct"));
        assertEquals(10, store.openMessages("smsclouds", "acct", 100).size());
        assertTrue(store.hasOpenMessages("smsclouds"));
    }

    @Test
    void migratingAnExistingSchemaAgainChangesNothing() {
        JdbcTrackingStore second = new JdbcTrackingStore(dataSource());
        second.start();
        store.recordAccepted(List.of(accepted("e-1", "c-1", "m-1", T0)));
        assertEquals(Set.of("e-1"), second.earlierContent("smsclouds", List.of("e-1")).keySet());
    }

    @Test
    void acceptedMessagesAreFoundByExternalIdInBatchesOfAnySize() {
        List<TrackedMessage> batch = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            batch.add(accepted("row-" + i, "c-1", "m-" + i, T0));
        }
        store.recordAccepted(batch);

        List<String> asked = new ArrayList<>();
        for (int i = 2_000; i < 3_000; i++) {
            asked.add("row-" + i);
        }
        Set<String> found = store.earlierContent("smsclouds", asked).keySet();

        assertEquals(500, found.size());
        assertTrue(found.contains("row-2499"));
        assertFalse(found.contains("row-2500"));
        assertEquals(Set.of(), store.earlierContent("webcom", List.of("row-1")).keySet(), "per provider");
    }

    @Test
    void statusChangesMoveMessagesOutOfTheOpenSetOnceFinal() {
        store.recordAccepted(List.of(accepted("e-1", "c-1", "m-1", T0), accepted("e-2", "c-1", "m-2", T0),
                accepted("e-3", "c-2", "m-3", T0)));
        assertEquals(List.of("c-1", "c-2"), store.openCampaigns("smsclouds", "acct"));

        TrackedMessage m3 = store.findByProviderMessageId("smsclouds", "acct", "m-3").orElseThrow();
        assertTrue(store.updateStatus(m3.id(), DeliveryStatus.SENT, "in progress", T0));
        assertFalse(store.updateStatus(m3.id(), DeliveryStatus.SENT, "in progress", T0), "same change twice");
        assertTrue(store.updateStatus(m3.id(), DeliveryStatus.DELIVERED, "sent", T0.plusSeconds(5)));

        assertEquals(List.of("c-1"), store.openCampaigns("smsclouds", "acct"));
        assertEquals(2, store.openMessages("smsclouds", "acct", 10).size());
        TrackedMessage reread = store.findByCampaignAndRecipient("smsclouds", "acct", "c-2", m3.recipient()).get(0);
        assertEquals(DeliveryStatus.DELIVERED, reread.status());
        assertEquals("sent", reread.rawStatus());
        assertEquals(T0.plusSeconds(5), reread.statusAt());
        assertEquals("e-3", reread.externalId());
    }

    @Test
    void aRowFromBeforeVersion4HasNoContentDigestAndCountsAsTheSameContent() throws Exception {
        DataSource existing = freshDataSource("before_v4");
        Flyway.configure().dataSource(existing).locations("classpath:db/tracking").table("camel_sms_schema_history")
                .target("3").placeholders(Map.of("identity_cache", "1")).load().migrate();
        try (Connection c = existing.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sms_message (provider, account, external_id, recipient, campaign_id, status,"
                      + " created_at, updated_at, is_final) VALUES ('painel', 'acct', 'cust-1', '21988887777', '1001',"
                      + " 'ACCEPTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE)");
        }
        JdbcTrackingStore upgraded = new JdbcTrackingStore(existing);
        upgraded.start();
        try {
            Map<String, String> content = upgraded.earlierContent("painel", List.of("cust-1", "cust-2"));
            assertTrue(content.containsKey("cust-1"));
            assertEquals(null, content.get("cust-1"), "what it held cannot be known");
            assertEquals(1, content.size());
        } finally {
            upgraded.stop();
        }
    }

    @Test
    void anEarlierSendIsFoundWithItsContentDigestAndExplainedByTheFirstMessageUnderItsId() {
        String hola = TrackedMessage.contentHashOf("5512345", "Hola");
        store.recordAccepted(List.of(TrackedMessage.accepted("smsclouds", "acct", "k-1", "5512345", null, "c-1", T0,
                hola, "a.csv line 2")));
        assertEquals(Map.of("k-1", hola), store.earlierContent("smsclouds", List.of("k-1", "k-2")));
        assertEquals(Map.of(), store.earlierContent("webcom", List.of("k-1")), "per provider");
        assertFalse(hola.equals(TrackedMessage.contentHashOf("5512345", "Hola!")));

        // a second message under the id (a race of two processes): the first one explains a conflict
        store.recordAccepted(List.of(TrackedMessage.accepted("smsclouds", "acct", "k-1", "5599999", null, "c-2",
                T0.plusSeconds(60), TrackedMessage.contentHashOf("5599999", "Hola"), null)));
        TrackedMessage earlier = store.earlierSends("smsclouds", List.of("k-1", "k-2")).get("k-1");
        assertEquals("c-1", earlier.campaignId());
        assertEquals(T0, earlier.createdAt());
        assertEquals("a.csv line 2", earlier.origin());
    }

    @Test
    void statusCountsArePerProviderAndPerOriginFileReadFromTheStatusCountsIndex() throws Exception {
        List<TrackedMessage> sent = new ArrayList<>();
        for (int line = 2; line <= 6; line++) {
            sent.add(TrackedMessage.accepted("smsclouds", "acct", "a-" + line, "55" + line, "m-a" + line, "c-1", T0,
                    null, "a.csv line " + line));
        }
        sent.add(TrackedMessage.accepted("smsclouds", "acct", "b-2", "5502", "m-b2", "c-2", T0, null, "b.csv line 2"));
        sent.add(TrackedMessage.accepted("webcom", "acct", "a-2", "5502", "w-a2", null, T0, null, "a.csv line 2"));
        sent.add(TrackedMessage.accepted("webcom", "acct", "api-1", "5503", "w-1", null, T0, null, null));
        store.recordAccepted(sent);
        store.updateStatus(id("smsclouds", "m-a2"), DeliveryStatus.DELIVERED, "delivered", T0);
        store.updateStatus(id("smsclouds", "m-a3"), DeliveryStatus.DELIVERED, "delivered", T0);
        store.updateStatus(id("smsclouds", "m-a4"), DeliveryStatus.FAILED, "failed", T0);

        assertEquals(Map.of(DeliveryStatus.DELIVERED, 2L, DeliveryStatus.FAILED, 1L, DeliveryStatus.ACCEPTED, 2L),
                store.statusCounts("smsclouds", "a.csv"));
        assertEquals(Map.of(DeliveryStatus.ACCEPTED, 1L), store.statusCounts("webcom", "a.csv"), "per provider");
        assertEquals(Map.of(), store.statusCounts("smsclouds", "a.csv line 2"), "a file, not one of its lines");
        assertEquals(Map.of("smsclouds", Map.of(DeliveryStatus.DELIVERED, 2L, DeliveryStatus.FAILED, 1L,
                DeliveryStatus.ACCEPTED, 3L), "webcom", Map.of(DeliveryStatus.ACCEPTED, 2L)),
                store.statusCountsByProvider());
    }

    @Test
    void messagesRecordedBeforeVersion11CountForTheFileTheirOriginNames() throws Exception {
        DataSource existing = freshDataSource("origins");
        Flyway.configure().dataSource(existing).locations("classpath:db/tracking").table("camel_sms_schema_history")
                .placeholders(Map.of("identity_cache", "1")).javaMigrations(new V5__Tracking_account_label())
                .target("7").load().migrate();
        try (Connection c = existing.getConnection(); Statement s = c.createStatement()) {
            for (String origin : List.of("'old.csv line 7'", "'old.csv line 12'", "'an api call'", "NULL")) {
                s.execute("INSERT INTO sms_message (provider, account, recipient, status, created_at, updated_at,"
                          + " is_final, origin) VALUES ('pwapi', 'default', '5521988887777', 'ACCEPTED',"
                          + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, FALSE, " + origin + ")");
            }
        }
        JdbcTrackingStore upgraded = new JdbcTrackingStore(existing);
        upgraded.start();
        try {
            assertEquals(Map.of(DeliveryStatus.ACCEPTED, 2L), upgraded.statusCounts("pwapi", "old.csv"));
            assertEquals(Map.of(DeliveryStatus.ACCEPTED, 1L), upgraded.statusCounts("pwapi", "an api call"));
            assertEquals(Map.of("pwapi", Map.of(DeliveryStatus.ACCEPTED, 4L)), upgraded.statusCountsByProvider());
        } finally {
            upgraded.stop();
        }
    }

    private long id(String provider, String providerMessageId) {
        return store.findByProviderMessageId(provider, "acct", providerMessageId).orElseThrow().id();
    }

    @Test
    void statusesOnlyMoveForwardInTheStoreItself() {
        store.recordAccepted(List.of(accepted("e-1", "c-1", "m-1", T0)));
        long id = store.findByProviderMessageId("smsclouds", "acct", "m-1").orElseThrow().id();

        assertTrue(store.updateStatus(id, DeliveryStatus.SENT, "sent", T0));
        assertFalse(store.updateStatus(id, DeliveryStatus.QUEUED, "in progress", T0), "back to queued");
        assertTrue(store.updateStatus(id, DeliveryStatus.DELIVERED, "deliver", T0));
        assertFalse(store.updateStatus(id, DeliveryStatus.EXPIRED, "camel-sms: tracking expired", T0));
        assertFalse(store.updateStatus(id, DeliveryStatus.FAILED, "not_deliver", T0));
        assertFalse(store.updateStatus(id, DeliveryStatus.SENT, "send", T0));
        assertTrue(store.updateStatus(id, DeliveryStatus.READ, "read", T0), "delivered, then read");
        assertFalse(store.updateStatus(id, DeliveryStatus.DELIVERED, "deliver", T0));
        assertEquals(DeliveryStatus.READ, store.findByProviderMessageId("smsclouds", "acct", "m-1").orElseThrow()
                .status());
    }

    @Test
    void theOpenMessageCountIsTheAccountsNonFinalMessagesWithTheOldestAcceptance() {
        assertEquals(new TrackingStore.OpenMessages(0, null), store.openMessageCount("smsclouds", "acct"));
        store.recordAccepted(List.of(accepted("e-1", "c-1", "m-1", T0.plusSeconds(60)),
                accepted("e-2", "c-1", "m-2", T0), accepted("e-3", "c-1", "m-3", T0.plusSeconds(30)),
                TrackedMessage.accepted("smsclouds", "other", "theirs", "5500001", "m-4", "c-1", T0.minusSeconds(60))));
        long first = store.findByProviderMessageId("smsclouds", "acct", "m-2").orElseThrow().id();
        assertTrue(store.updateStatus(first, DeliveryStatus.DELIVERED, "sent", T0.plusSeconds(90)));

        assertEquals(new TrackingStore.OpenMessages(2, T0.plusSeconds(30)), store.openMessageCount("smsclouds", "acct"));
        assertEquals(new TrackingStore.OpenMessages(0, null), store.openMessageCount("painel", "acct"));
    }

    @Test
    void eachAccountSeesOnlyItsOwnMessagesAlsoForExpiry() {
        Instant old = T0.minus(Duration.ofHours(73));
        store.recordAccepted(List.of(accepted("mine", "c-1", "m-1", old),
                TrackedMessage.accepted("smsclouds", "other", "theirs", "5500001", "m-2", "c-1", old)));

        assertEquals(List.of("mine"), store.openOlderThan("smsclouds", "acct", T0, 10).stream()
                .map(TrackedMessage::externalId).toList());
        assertEquals(Optional.empty(), store.findByProviderMessageId("smsclouds", "acct", "m-2"));
        assertEquals(List.of(), store.findByCampaignAndRecipient("smsclouds", "acct", "c-1", "5500001"));
        assertEquals("theirs", store.findByCampaignAndRecipient("smsclouds", "other", "c-1", "5500001").get(0)
                .externalId());
    }

    @Test
    void copiesOfOneNumberInACampaignComeOpenOnesFirstOldestFirst() {
        store.recordAccepted(List.of(
                TrackedMessage.accepted("painel", "acct", "x-1", "31999999999", null, "1001", T0),
                TrackedMessage.accepted("painel", "acct", "x-2", "31999999999", null, "1001", T0),
                TrackedMessage.accepted("painel", "acct", "x-3", "31999999999", null, "1001", T0)));
        long first = store.findByCampaignAndRecipient("painel", "acct", "1001", "31999999999").get(0).id();
        assertTrue(store.updateStatus(first, DeliveryStatus.DELIVERED, "sucesso", T0));

        assertEquals(List.of("x-2", "x-3", "x-1"), store.findByCampaignAndRecipient("painel", "acct", "1001",
                "31999999999").stream().map(TrackedMessage::externalId).toList());
    }

    @Test
    void openMessagesPastTheirAgeAreListedForExpiry() {
        store.recordAccepted(List.of(accepted("old", "c-1", "m-1", T0.minus(Duration.ofHours(73))),
                accepted("new", "c-1", "m-2", T0.minus(Duration.ofHours(1)))));
        List<TrackedMessage> expired = store.openOlderThan("smsclouds", "acct", T0.minus(Duration.ofHours(72)), 100);
        assertEquals(List.of("old"), expired.stream().map(TrackedMessage::externalId).toList());
    }

    @Test
    void eachEventIdAddedConcurrentlyByTwoStoresOnOneDatabaseIsNewExactlyOnce() throws Exception {
        // concurrent adds share a transaction (the group commit); a store that meets another's insert of the same id
        // in its group answers that id as already there
        JdbcTrackingStore other = new JdbcTrackingStore(dataSource());
        other.start();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> adds = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String id = "evt-" + i / 4;
                JdbcTrackingStore by = i % 2 == 0 ? store : other;
                adds.add(callers.submit(() -> by.add(id)));
            }
            int added = 0;
            for (Future<Boolean> add : adds) {
                added += add.get() ? 1 : 0;
            }
            assertEquals(500, added, "each of the 500 ids is new to exactly one of its 4 adds");
            for (int i = 0; i < 500; i++) {
                assertTrue(store.contains("evt-" + i) && other.contains("evt-" + i));
            }
        } finally {
            callers.shutdownNow();
            other.stop();
        }
    }

    @Test
    void emittedEventIdsAreRememberedAcrossRestarts() {
        assertTrue(store.add("evt-1"));
        assertFalse(store.add("evt-1"), "the second add of an id reports it was there");
        assertTrue(store.contains("evt-1"));
        store.stop();

        JdbcTrackingStore restarted = new JdbcTrackingStore(dataSource());
        restarted.start();
        assertTrue(restarted.contains("evt-1"));
        assertTrue(restarted.remove("evt-1"));
        assertFalse(restarted.contains("evt-1"));
        store = restarted;
    }

    @Test
    void anUnknownSendOutcomeIsKeptWithItsReasonPerProviderAndStaysOutOfPolling() {
        String reason = "painel: no reply from GET http://127.0.0.1/painel/api.ashx within PT5S [outcome unknown: the"
                        + " provider may have acted]";
        store.recordUnknown(List.of(new UnknownSend("painel", "acct", "row-1", "31999990001", reason, T0),
                new UnknownSend("painel", "acct", "row-2", "31999990002", "x".repeat(1_500), T0)));

        Map<String, String> unknown = store.unknownExternalIds("painel", List.of("row-1", "row-2", "row-3"));

        assertEquals(Set.of("row-1", "row-2"), unknown.keySet());
        assertEquals(reason, unknown.get("row-1"));
        assertEquals(1_000, unknown.get("row-2").length(), "a reason is cut at the column's width, not refused");
        assertEquals(Map.of(), store.unknownExternalIds("pwapi", List.of("row-1")));
        assertFalse(store.hasOpenMessages("painel"), "nothing to poll: there is no provider id");
        assertEquals(Map.of(), store.earlierContent("painel", List.of("row-1")), "not accepted either");
    }

    @Test
    void inFlightMarksCountAsUnknownUntilTheirBatchIsSettled() {
        String stopped = "the process stopped while the request was in flight";
        store.recordInFlight("batch-1", List.of(new UnknownSend("smsclouds", "acct", "a", "5511900000001", stopped, T0),
                new UnknownSend("smsclouds", "acct", "b", "5511900000002", stopped, T0),
                new UnknownSend("smsclouds", "acct", "c", "5511900000003", stopped, T0)));
        store.recordInFlight("batch-2", List.of(new UnknownSend("smsclouds", "acct", "d", "5511900000004", stopped, T0)));
        assertEquals(Map.of("a", stopped, "b", stopped, "c", stopped, "d", stopped),
                store.unknownExternalIds("smsclouds", List.of("a", "b", "c", "d")), "a crash here: all unknown");

        // batch 1's answer: a accepted, b unknown with the real reason, c refused (in neither list)
        store.settleInFlight("batch-1", List.of(accepted("a", "c-1", null, T0)),
                List.of(new UnknownSend("smsclouds", "acct", "b", "5511900000002", "no reply within PT5S", T0)));

        assertEquals(Map.of("b", "no reply within PT5S", "d", stopped),
                store.unknownExternalIds("smsclouds", List.of("a", "b", "c", "d")),
                "accepted and refused marks are gone, the unknown one has its real reason, batch 2's mark stays");
        assertEquals(Set.of("a"), store.earlierContent("smsclouds", List.of("a", "b", "c")).keySet());
    }

    @Test
    void aBatchInFlightWhenItsProcessStoppedIsExpandedIntoUnknownMessagesOnTheNextStart() throws Exception {
        String stopped = "the process stopped while the request was in flight";
        String odd = "id\twith\\tab\nand line";
        store.recordInFlight("killed", List.of(new UnknownSend("pwapi", "acct", "k-1", "5511900000001", stopped, T0),
                new UnknownSend("pwapi", "acct", odd, "5511900000002", stopped, T0)));
        assertEquals(1, count("SELECT COUNT(*) FROM sms_in_flight_batch"), "one row for the batch, not one a message");
        assertEquals(0, count("SELECT COUNT(*) FROM sms_unknown_send"));
        store.stop(); // the process dies with the batch in flight

        store = new JdbcTrackingStore(dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
        store.start();

        assertEquals(0, count("SELECT COUNT(*) FROM sms_in_flight_batch"));
        assertEquals(2, count("SELECT COUNT(*) FROM sms_unknown_send WHERE in_flight = 'killed'"));
        assertEquals(Map.of("k-1", stopped, odd, stopped),
                store.unknownExternalIds("pwapi", List.of("k-1", odd, "k-3")));
        assertEquals(Map.of(), store.unknownExternalIds("smsclouds", List.of("k-1")));
    }

    @Test
    void aLargeBatchIsSettledWhole() throws Exception {
        List<UnknownSend> marks = new ArrayList<>();
        List<TrackedMessage> accepted = new ArrayList<>();
        for (int i = 0; i < 2_501; i++) { // chunks of 1,000 (H2) and INSERTs of 500 rows (PostgreSQL), and a rest
            marks.add(new UnknownSend("smsclouds", "acct", "big-" + i, "5511900000001", "in flight", T0));
            accepted.add(accepted("big-" + i, "c-big", null, T0));
        }
        store.recordInFlight("big", marks);
        store.settleInFlight("big", accepted, List.of());

        List<String> ids = accepted.stream().map(TrackedMessage::externalId).toList();
        assertEquals(Set.copyOf(ids), store.earlierContent("smsclouds", ids).keySet());
        assertEquals(Map.of(), store.unknownExternalIds("smsclouds", ids));
        assertEquals(0, count("SELECT COUNT(*) FROM sms_in_flight_batch"));
        store.awaitExpanded();
        assertEquals(2_501, count("SELECT COUNT(*) FROM sms_message WHERE campaign_id = 'c-big'"));
    }

    @Test
    void aSettledBatchIsOneRecordOnTheSendPathAndItsMessagesReachSmsMessageThroughTheExpander() throws Exception {
        store.expanding.lock(); // the expander stays behind
        try {
            store.recordInFlight("b-1", List.of(new UnknownSend("smsclouds", "acct", "p-1", "5511900000001",
                    "in flight", T0)));
            store.settleInFlight("b-1", List.of(accepted("p-1", "c-1", "m-1", T0)), List.of());
            assertEquals(1, count("SELECT COUNT(*) FROM sms_accepted_batch"));
            assertEquals(0, count("SELECT COUNT(*) FROM sms_message"));
            assertEquals(0, count("SELECT COUNT(*) FROM sms_in_flight_batch"));
        } finally {
            store.expanding.unlock();
        }
        store.awaitExpanded();
        assertEquals(0, count("SELECT COUNT(*) FROM sms_accepted_batch"));
        assertEquals(1, count("SELECT COUNT(*) FROM sms_message WHERE external_id = 'p-1'"));
    }

    @Test
    void theSendPathsLookUpsSeeABatchNotYetExpandedSoAConflictIsNamed() throws Exception {
        String hola = TrackedMessage.contentHashOf("5512345", "Hola");
        store.recordUnknown(List.of(new UnknownSend("smsclouds", "acct", "k-1", "5512345", "no reply", T0)));
        // another store on the same database (another process), which does not have the batch in memory
        JdbcTrackingStore other = new JdbcTrackingStore(dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
        other.setBackgroundExpansion(false);
        other.start();
        store.expanding.lock();
        try {
            // sent again on purpose (resendUnknown) and accepted this time
            store.recordAccepted(List.of(TrackedMessage.accepted("smsclouds", "acct", "k-1", "5512345", null, "c-1",
                    T0, hola, "a.csv line 2")));
            assertEquals(0, count("SELECT COUNT(*) FROM sms_message"), "still pending");

            assertEquals(Map.of("k-1", hola), store.earlierContent("smsclouds", List.of("k-1", "k-2")));
            assertEquals(Map.of(), store.earlierContent("webcom", List.of("k-1")), "per provider");
            TrackedMessage earlier = store.earlierSends("smsclouds", List.of("k-1")).get("k-1");
            assertEquals("c-1", earlier.campaignId());
            assertEquals("a.csv line 2", earlier.origin());
            assertEquals(Map.of(), store.unknownExternalIds("smsclouds", List.of("k-1")), "accepted since");

            // the other store reads the pending batch from the table
            assertEquals(Map.of("k-1", hola), other.earlierContent("smsclouds", List.of("k-1")));
            assertEquals("a.csv line 2", other.earlierSends("smsclouds", List.of("k-1")).get("k-1").origin());
            assertEquals(Map.of(), other.unknownExternalIds("smsclouds", List.of("k-1")));
        } finally {
            store.expanding.unlock();
            other.stop();
        }
    }

    @Test
    void aReportForAMessageNotYetExpandedFindsIt() throws Exception {
        store.expanding.lock(); // this thread may expand (the lock is its own), the expander thread may not
        try {
            store.recordAccepted(List.of(accepted("r-1", "c-9", "m-9", T0)));
            assertEquals(0, count("SELECT COUNT(*) FROM sms_message"), "still pending");

            TrackedMessage found = store.findByProviderMessageId("smsclouds", "acct", "m-9").orElseThrow();
            assertEquals("r-1", found.externalId());
            assertEquals(1, count("SELECT COUNT(*) FROM sms_message"), "the read waited for the expansion");
        } finally {
            store.expanding.unlock();
        }
        TrackedMessage r2 = accepted("r-2", "c-9", "m-10", T0);
        store.recordAccepted(List.of(r2));
        assertEquals(List.of("r-2"), store.findByCampaignAndRecipient("smsclouds", "acct", "c-9", r2.recipient())
                .stream().map(TrackedMessage::externalId).toList());
        assertEquals(Map.of(DeliveryStatus.ACCEPTED, 2L), store.statusCountsByProvider().get("smsclouds"));
        assertEquals(2, store.openMessageCount("smsclouds", "acct").count());
    }

    @Test
    void aBatchCommittedWhenItsProcessDiedIsExpandedOnceByTheNextStart() throws Exception {
        List<TrackedMessage> batch = new ArrayList<>();
        List<UnknownSend> marks = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) { // several parts
            batch.add(TrackedMessage.accepted("pwapi", "acct", "d-" + i, "5511900000001", null, null, T0,
                    TrackedMessage.contentHashOf("5511900000001", "text\t" + i), "in\tput.csv line " + i));
            marks.add(new UnknownSend("pwapi", "acct", "d-" + i, "5511900000001", "in flight", T0));
        }
        JdbcTrackingStore dying = store;
        dying.expanding.lock(); // the process dies before its expander comes round
        try {
            dying.recordInFlight("dying", marks);
            dying.settleInFlight("dying", batch, List.of());
            assertEquals(0, count("SELECT COUNT(*) FROM sms_message"));

            store = new JdbcTrackingStore(dataSource(), Clock.fixed(T0, ZoneOffset.UTC));
            store.start();

            assertEquals(0, count("SELECT COUNT(*) FROM sms_accepted_batch"));
            assertEquals(2_345, count("SELECT COUNT(*) FROM sms_message WHERE provider = 'pwapi'"));
            List<String> ids = batch.stream().map(TrackedMessage::externalId).toList();
            assertEquals(Set.copyOf(ids), store.earlierContent("pwapi", ids).keySet());
            assertEquals(Map.of(), store.unknownExternalIds("pwapi", ids), "accepted, not in flight");
            TrackedMessage last = store.earlierSends("pwapi", List.of("d-2344")).get("d-2344");
            assertEquals("in\tput.csv line 2344", last.origin());
            assertEquals(batch.get(2344).contentHash(), last.contentHash());
        } finally {
            dying.expanding.unlock();
        }
        dying.stop(); // its expander finds the batch expanded by the new store: not inserted twice
        assertEquals(2_345, count("SELECT COUNT(*) FROM sms_message WHERE provider = 'pwapi'"));
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
