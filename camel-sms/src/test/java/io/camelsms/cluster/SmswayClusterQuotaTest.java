package io.camelsms.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.smsway.SmswayComponent;
import io.camelsms.smsway.SmswayConfiguration;
import io.camelsms.testing.PostgresExtension;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * smsway's quotas held by three nodes together, as the provider counts them: each node (a CamelContext with its own
 * clustered tracking store on one PostgreSQL) sends its share at once, and the sandbox, which discards what is over
 * the account's quota, counts what it received per minute and per hour. The nodes and the sandbox count with one
 * controllable clock, which a node's wait for room advances: an hour of quota passes in no real time.
 */
class SmswayClusterQuotaTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final int PER_MINUTE = 10;
    private static final int PER_HOUR = 25;
    private static final int PER_NODE = 12;

    private final List<CamelContext> nodes = new ArrayList<>();
    private final List<ClusteredTrackingStore> stores = new ArrayList<>();
    private DataSource database;

    @AfterEach
    void stopNodes() {
        nodes.forEach(CamelContext::stop);
        stores.forEach(ClusteredTrackingStore::stop);
    }

    @Test
    void threeNodesTogetherStayInsideTheAccountsMinuteAndHourAsTheProviderCountsThem() throws Exception {
        SmsWaySimulator smsway = SANDBOX.sandbox().smsway();
        SANDBOX.sandbox().clock().freeze();
        smsway.quotas(PER_MINUTE, PER_HOUR, 0);
        database = POSTGRES.freshDatabase("cluster_quota");
        for (String name : List.of("node-1", "node-2", "node-3")) {
            nodes.add(node(name, database));
        }

        ExecutorService senders = Executors.newFixedThreadPool(nodes.size());
        List<SendResult> results = new ArrayList<>();
        try {
            List<Future<SendResult>> sends = new ArrayList<>();
            for (int n = 0; n < nodes.size(); n++) {
                CamelContext node = nodes.get(n);
                List<SmsMessage> share = messages(n * PER_NODE, (n + 1) * PER_NODE);
                sends.add(senders.submit(() -> node.createProducerTemplate().requestBody(
                        "smsway:send?maxPerMinute=" + PER_MINUTE + "&maxPerHour=" + PER_HOUR + "&maxQuotaWait=3h",
                        share, SendResult.class)));
            }
            for (Future<SendResult> send : sends) {
                results.add(send.get());
            }
        } finally {
            senders.shutdownNow();
        }

        int total = nodes.size() * PER_NODE;
        assertEquals(total, results.stream().mapToLong(SendResult::acceptedCount).sum(), "every message sent");
        assertEquals(total, smsway.messages().size(), "the provider received each once");
        assertEquals(0, smsway.cancelledCount(), "the provider discarded none as over quota");
        int mostInAMinute = smsway.mostReceivedWithin(Duration.ofMinutes(1));
        int mostInAnHour = smsway.mostReceivedWithin(Duration.ofHours(1));
        assertTrue(mostInAMinute <= PER_MINUTE, "received within a minute: " + mostInAMinute);
        assertTrue(mostInAnHour <= PER_HOUR, "received within an hour: " + mostInAnHour);
        assertEquals(PER_HOUR, mostInAnHour, "the nodes used the hour's quota, not a node's share of it");
    }

    private CamelContext node(String name, DataSource database) {
        ClusteredTrackingStore store = new ClusteredTrackingStore(database, name, Duration.ofSeconds(30));
        stores.add(store);
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("trackingStore", store);
        SmswayConfiguration configuration = context.getComponent("smsway", SmswayComponent.class).getConfiguration();
        configuration.setBaseUrl(SANDBOX.sandbox().baseUrl());
        configuration.setTokenapi(SmsWaySimulator.DEFAULT_TOKENAPI);
        configuration.setQuotaClock(SANDBOX.sandbox().clock());
        configuration.setQuotaSleeper(this::sleep);
        context.start();
        return context;
    }

    /**
     * A wait in no real time: the shared clock moves to the end of the wait, unless another node's wait already took
     * it further (nodes waiting at once wait together, as in real time), and only once the sends under way have
     * finished (in real time a request takes milliseconds, not the minute or hour waited).
     */
    private void sleep(Duration wait) throws InterruptedException {
        Instant until = SANDBOX.sandbox().clock().instant().plus(wait);
        synchronized (nodes) {
            while (permitsInFlight() > 0) {
                nodes.wait(5);
            }
            Duration left = Duration.between(SANDBOX.sandbox().clock().instant(), until);
            if (!left.isNegative() && !left.isZero()) {
                SANDBOX.sandbox().clock().advance(left);
            }
        }
    }

    private int permitsInFlight() {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM sms_cluster_permit WHERE done_at IS NULL")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SmsMessage> messages(int from, int to) {
        List<SmsMessage> messages = new ArrayList<>();
        for (int i = from; i < to; i++) {
            messages.add(SmsMessage.to("+39380" + String.format("%07d", i)).text("cluster quota " + i).build());
        }
        return messages;
    }
}
