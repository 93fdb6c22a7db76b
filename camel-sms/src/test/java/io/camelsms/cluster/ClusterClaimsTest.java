package io.camelsms.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.QuotaExceededException;
import io.camelsms.core.QuotaThrottle;
import io.camelsms.testing.PostgresExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims shared by nodes on one PostgreSQL: one holder at a time, a dead holder's claim taken over after its lease. */
class ClusterClaimsTest {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path data;

    private DataSource database;
    private final List<ClusterClaims> nodes = new ArrayList<>();

    @BeforeEach
    void database() throws Exception {
        database = POSTGRES.freshDatabase("claims");
        ClusteredTrackingStore.migrate(database);
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(ClusterClaims::stop);
    }

    private ClusterClaims node(String id) {
        ClusterClaims claims = new ClusterClaims(() -> database, "test", id, LEASE);
        claims.start();
        nodes.add(claims);
        return claims;
    }

    @Test
    void oneNodeHoldsAClaimUntilItGivesItBack() {
        ClusterClaims a = node("a");
        ClusterClaims b = node("b");

        assertTrue(a.add("message:1"));
        assertFalse(b.add("message:1"), "a holds it");
        assertFalse(a.add("message:1"), "a claim is not taken twice, by its holder either");
        assertTrue(b.contains("message:1"));
        assertFalse(b.remove("message:1"), "b cannot give back a's claim");
        assertTrue(a.remove("message:1"));
        assertFalse(b.contains("message:1"));
        assertTrue(b.add("message:1"), "given back: anyone may claim it");
    }

    @Test
    void aClaimOfANodeThatDiedIsTakenOverOnceItsLeaseRanOutAndByOneNodeOnly() throws Exception {
        // what a killed node leaves: its row, with a lease nobody extends any more
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sms_cluster_claim VALUES ('test:file:big.csv', 'dead', now() + INTERVAL '1 hour')");
        }
        ClusterClaims a = node("a");
        assertFalse(a.add("file:big.csv"), "its lease runs");
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE sms_cluster_claim SET lease_until = now() - INTERVAL '1 second'");
        }
        List<ClusterClaims> racing = List.of(a, node("b"), node("c"), node("d"));
        ExecutorService pool = Executors.newFixedThreadPool(racing.size());
        try {
            List<Callable<Boolean>> claims = racing.stream().<Callable<Boolean>>map(n -> () -> n.add("file:big.csv"))
                    .toList();
            long winners = 0;
            for (Future<Boolean> won : pool.invokeAll(claims)) {
                winners += won.get() ? 1 : 0;
            }
            assertEquals(1, winners, "one node takes the dead node's claim over");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nodesClaimingTheSameNewKeyAtOnceMakeOneHolder() throws Exception {
        List<ClusterClaims> racing = List.of(node("a"), node("b"), node("c"));
        ExecutorService pool = Executors.newFixedThreadPool(racing.size());
        try {
            for (int key = 0; key < 50; key++) {
                String claim = "event:" + key;
                long winners = 0;
                for (Future<Boolean> won : pool.invokeAll(racing.stream()
                        .<Callable<Boolean>>map(n -> () -> n.add(claim)).toList())) {
                    winners += won.get() ? 1 : 0;
                }
                assertEquals(1, winners, claim);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLiveNodeKeepsItsClaimPastTheLeaseAndFreesItWhenItStops() throws Exception {
        ClusterClaims a = new ClusterClaims(() -> database, "test", "a", Duration.ofMillis(600));
        a.start();
        ClusterClaims b = node("b");
        try {
            assertTrue(a.add("file:x.csv"));
            Thread.sleep(1_500); // keep-alive every 200 ms; without it the claim would have run out twice over
            assertFalse(b.add("file:x.csv"), "a is alive and holds it");
        } finally {
            a.stop();
        }
        assertTrue(b.add("file:x.csv"), "a stopped in order: its claims are free at once");
    }

    @Test
    void aRateSlotIsTakenByOneOfTheNodesAskingAtOnceAndFreeAgainAnIntervalAfterTheCallEnded() throws Exception {
        List<ClusteredTrackingStore> stores = List.of(new ClusteredTrackingStore(database, "a", LEASE),
                new ClusteredTrackingStore(database, "b", LEASE), new ClusteredTrackingStore(database, "c", LEASE));
        Instant now = Instant.parse("2026-12-24T16:00:00Z");
        Duration minute = Duration.ofMinutes(1);
        ExecutorService pool = Executors.newFixedThreadPool(stores.size());
        try {
            long taken = 0;
            for (Future<Duration> wait : pool.invokeAll(stores.stream()
                    .<Callable<Duration>>map(s -> () -> s.tryTake("painel:acct", now, minute)).toList())) {
                taken += wait.get().isZero() ? 1 : 0;
            }
            assertEquals(1, taken, "one getstatus a minute for the cluster");
        } finally {
            pool.shutdownNow();
        }
        ClusteredTrackingStore other = stores.get(1);
        stores.get(0).finished("painel:acct", now.plusSeconds(5)); // the call took 5 s: the minute restarts then
        assertEquals(Duration.ofSeconds(5), other.tryTake("painel:acct", now.plus(minute), minute));
        assertFalse(other.isFree("painel:acct", now.plus(minute), minute));
        assertTrue(other.tryTake("painel:acct", now.plus(minute).plusSeconds(5), minute).isZero());
    }

    @Test
    void aQuotaHoldsForTheSendsOfEveryNodeTogether() throws Exception {
        Instant start = Instant.parse("2026-12-24T16:00:00Z");
        List<QuotaThrottle> throttles = List.of("a", "b", "c").stream().map(node -> new QuotaThrottle(
                new ClusteredTrackingStore(database, node, LEASE), "smsway:acct")).toList();
        List<QuotaThrottle.Window> fivePerMinute = List.of(new QuotaThrottle.Window(Duration.ofMinutes(1), 5));
        ExecutorService pool = Executors.newFixedThreadPool(throttles.size());
        try {
            List<Callable<Integer>> nodesSending = throttles.stream().<Callable<Integer>>map(t -> () -> {
                int granted = 0;
                for (int i = 0; i < 4; i++) {
                    try {
                        t.acquire("smsway", fivePerMinute, Clock.fixed(start, ZoneOffset.UTC), d -> { }, Duration.ZERO)
                                .done();
                        granted++;
                    } catch (QuotaExceededException e) {
                        // the minute is full: this node may not send now
                    }
                }
                return granted;
            }).toList();
            int granted = 0;
            for (Future<Integer> node : pool.invokeAll(nodesSending)) {
                granted += node.get();
            }
            assertEquals(5, granted, "five a minute for the account, not per node");
        } finally {
            pool.shutdownNow();
        }
        Clock minuteLater = Clock.fixed(start.plus(Duration.ofMinutes(1)).plusMillis(1), ZoneOffset.UTC);
        throttles.get(2).acquire("smsway", fivePerMinute, minuteLater, d -> { }, Duration.ZERO).done();
    }

    @Test
    void theClusteredStoreRefusesAnEmbeddedH2Database() {
        ClusteredTrackingStore store = new ClusteredTrackingStore(
                org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:" + data.resolve("db"), "sa", ""), "a", LEASE);
        ClusterException refused = assertThrows(ClusterException.class, store::start);
        assertEquals("cluster mode needs a PostgreSQL tracking store shared by every node; this DataSource is H2"
                     + " (the embedded H2 store belongs to one process)", refused.getMessage());
    }
}
