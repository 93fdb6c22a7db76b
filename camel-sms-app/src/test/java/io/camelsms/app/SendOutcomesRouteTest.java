package io.camelsms.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.testing.AppRoutes;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provider faults during a file drop, over real HTTP: every row ends in the results (accepted, or unknown with the
 * reason and not resent) or in the rejects (refused, with the provider's reason), the file goes on and to done/.
 */
class SendOutcomesRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    /** Three batches of two rows (the app's batch size is set to 2). */
    private static final String FILE = """
            phone,external_id
            +5521988880001,r-1
            +5521988880002,r-2
            +5521988880003,r-3
            +5521988880004,r-4
            +5521988880005,r-5
            +5521988880006,r-6
            """;
    private static final int ROWS = 6;

    @TempDir
    Path data;
    private JdbcTrackingStore store;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties overrides = new Properties();
        overrides.setProperty("sms.provider", "pwapi");
        overrides.setProperty("sms.data-dir", data.toString());
        overrides.setProperty("sms.inbox.read-lock-interval", "100");
        overrides.setProperty("sms.batch-size.pwapi", "2");
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        PwapiComponent pwapi = context.getComponent("pwapi", PwapiComponent.class);
        pwapi.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        pwapi.getConfiguration().setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
        pwapi.getConfiguration().setToken(PwapiSimulator.DEFAULT_TOKEN);
        pwapi.getConfiguration().setDefaultRegion("BR");
        pwapi.getConfiguration().setMaxRetries(3);
        pwapi.getConfiguration().setRetryDelay(10);
        AppBeans beans = new AppBeans();
        context.getRegistry().bind("fileToSms", beans.fileToSms("pwapi", "oi", data.toString()));
        context.getRegistry().bind("smsJson", beans.smsJson());
        store = JdbcTrackingStore.embeddedH2(data.resolve("tracking"));
        context.getRegistry().bind("trackingStore", TrackingStore.class, store);
        pwapi.getConfiguration().setTrackingStore(store);
        context.addService(store, true, true);
        return context;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void fourSendAgainRepliesOnTheFirstBatchRejectItsRowsAndTheFileGoesOn() throws Exception {
        pwapi().faults().failNext(4, Fault.code("905"));

        sendFile();

        assertEquals(List.of("r-3", "r-4", "r-5", "r-6"), acceptedIds());
        List<String> rejects = lines("rejects");
        assertEquals(3, rejects.size(), rejects.toString());
        assertTrue(rejects.get(1).startsWith("2,r-1,") && rejects.get(2).startsWith("3,r-2,"), rejects.toString());
        assertTrue(rejects.get(1).endsWith("POST not accepted. Send again. (HTTP 200) [refused; gave up after 3"
                                           + " retries]"), rejects.get(1));
        assertEquals(4 + 2, pwapi().requestCount(), "the first batch tried four times, the others once");
        assertRowsAccountedFor();
    }

    @Test
    void fourSendAgainRepliesOnALaterBatchRejectOnlyItsRows() throws Exception {
        pwapi().faults().failAfter(1, 4, Fault.code("905"));

        sendFile();

        assertEquals(List.of("r-1", "r-2", "r-5", "r-6"), acceptedIds());
        List<String> rejects = lines("rejects");
        assertTrue(rejects.get(1).startsWith("4,r-3,") && rejects.get(2).startsWith("5,r-4,"), rejects.toString());
        rejects.forEach(line -> assertTrue(!line.contains("retryable"), line));
        assertRowsAccountedFor();
    }

    @Test
    void aServerErrorOnALaterBatchLeavesItsRowsUnknownStopsTheFileAndNothingIsResent() throws Exception {
        // PW-API documents no HTTP 503: the request may have been taken, so the batch is unknown, not resent, and
        // the file stops there, so that no more rows than that batch are in doubt
        pwapi().faults().failAfter(1, 1, Fault.http(503));

        sendFile("error");

        assertEquals(List.of("r-1", "r-2"), acceptedIds());
        assertEquals(2, pwapi().requestCount(), "one request per batch, none after the unknown one");
        List<String> results = lines("results");
        assertTrue(results.get(3).startsWith("4,r-3,55(21)988880003,UNKNOWN,pwapi,,,"), results.get(3));
        assertTrue(results.get(3).contains("HTTP 503") && results.get(3).contains("[outcome unknown"), results.get(3));
        assertTrue(results.get(4).startsWith("5,r-4,55(21)988880004,UNKNOWN,pwapi,,,"), results.get(4));
        List<String> rejects = lines("rejects");
        assertEquals(3, rejects.size(), rejects.toString());
        assertTrue(rejects.get(1).startsWith("6,r-5,+5521988880005,\"not sent: sending stopped at line 4: 2 rows have"
                + " an unknown outcome"), rejects.get(1));
        assertTrue(rejects.get(2).startsWith("7,r-6,+5521988880006,\"not sent: sending stopped at line 4"),
                rejects.get(2));
        assertRowsAccountedFor();
        Map<String, String> unknown = store.unknownExternalIds("pwapi", List.of("r-1", "r-2", "r-3", "r-4", "r-5",
                "r-6"));
        assertEquals(Set.of("r-3", "r-4"), unknown.keySet(), "recorded in the tracking store too");
        assertTrue(unknown.get("r-3").contains("HTTP 503"), unknown.get("r-3"));

        // the same rows dropped again: the accepted ones were sent earlier, the unknown ones are not sent blindly,
        // the ones never sent go now
        drop("again.csv", FILE);
        awaitDone("again.csv");
        assertEquals(List.of("r-1", "r-2", "r-5", "r-6"), acceptedIds());
        List<String> again = Files.readAllLines(data.resolve("outbox/again.csv.results.csv"));
        assertTrue(again.get(3).startsWith("4,r-3,55(21)988880003,UNKNOWN,pwapi,,,") && again.get(3).contains(
                "not sent again: an earlier send of external id 'r-3' may have reached the provider"), again.get(3));
        assertEquals(ROWS, again.size() - 1);
    }

    @Test
    void aMessageWithAnUnknownOutcomeIsSentAgainOnlyWithResendUnknown() throws Exception {
        context.start();
        pwapi().faults().failNext(1, Fault.http(503));
        SmsMessage message = SmsMessage.to("+5521988880001").text("oi").externalId("x-1").build();

        assertEquals(1, template.requestBody("pwapi:send", message, SendResult.class).unknownCount());
        SendResult again = template.requestBody("pwapi:send", message, SendResult.class);

        assertEquals(1, again.unknownCount(), "not sent blindly");
        assertEquals(1, pwapi().requestCount());
        SendResult resent = template.requestBody("pwapi:send?resendUnknown=true", message, SendResult.class);
        assertEquals(1, resent.acceptedCount());
        assertEquals(List.of("x-1"), acceptedIds());
        assertEquals(Map.of(), store.unknownExternalIds("pwapi", List.of("x-1")), "accepted since, no longer unknown");
    }

    private void sendFile() throws Exception {
        sendFile("done");
    }

    /** Drops the file and waits until camel-file moved it to {@code folder}. */
    private void sendFile(String folder) throws Exception {
        AppRoutes.loadAll(context);
        context.start();
        drop("f.csv", FILE);
        awaitMoved(folder, "f.csv");
    }

    private void drop(String name, String content) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path partial = inbox.resolve(name + ".part");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, inbox.resolve(name));
    }

    private void awaitDone(String name) throws Exception {
        awaitMoved("done", name);
    }

    private void awaitMoved(String folder, String name) throws Exception {
        Path done = data.resolve(folder + "/" + name);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(done)) {
            assertTrue(System.nanoTime() < deadline, done + " did not appear");
            Thread.sleep(50);
        }
    }

    private PwapiSimulator pwapi() {
        return SANDBOX.sandbox().pwapi();
    }

    private List<String> acceptedIds() {
        return pwapi().accepted().stream().map(PwapiSimulator.Accepted::idExtern).toList();
    }

    private List<String> lines(String kind) throws Exception {
        return Files.readAllLines(data.resolve("outbox/f.csv." + kind + ".csv"));
    }

    /** Every row once: in the results (accepted or unknown) or in the rejects; headers aside. */
    private void assertRowsAccountedFor() throws Exception {
        assertEquals(ROWS, lines("results").size() - 1 + lines("rejects").size() - 1);
    }
}
