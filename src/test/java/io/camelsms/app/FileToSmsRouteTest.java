package io.camelsms.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;
import io.camelsms.testing.AppRoutes;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file-drop routes as the app runs them: its properties, its beans, routes/ loaded from files, the sandbox. */
class FileToSmsRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TempDir
    Path data;

    private static final String FILE = """
            # text: Sua fatura está disponível.
            phone,name,text,external_id
            +5521988887777,Ana,,c-1
            (11) 91234-5678,Bruno,"Oi Bruno, ""tudo bem""?",c-2
            ,Eva,,c-3
            +55 21 9888,Fábio,,c-4
            +5541988880002,Diego,,c-5,extra
            +5551977770003,Gabi,,c-6
            """;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties overrides = new Properties();
        overrides.setProperty("sms.provider", "pwapi");
        overrides.setProperty("sms.data-dir", data.toString());
        overrides.setProperty("sms.inbox.read-lock-interval", "100");
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        PwapiComponent pwapi = context.getComponent("pwapi", PwapiComponent.class);
        pwapi.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        pwapi.getConfiguration().setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
        pwapi.getConfiguration().setToken(PwapiSimulator.DEFAULT_TOKEN);
        pwapi.getConfiguration().setDefaultRegion("BR"); // camel-main applies camel.component.*; a test does it by hand
        AppBeans beans = new AppBeans();
        context.getRegistry().bind("fileToSms", beans.fileToSms("pwapi", "", data.toString()));
        context.getRegistry().bind("sentFiles", beans.sentFiles(data.toString()));
        context.getRegistry().bind("smsJson", beans.smsJson());
        JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data.resolve("tracking"));
        context.getRegistry().bind("trackingStore", TrackingStore.class, store);
        pwapi.getConfiguration().setTrackingStore(store);
        context.addService(store, true, true); // as SmsApplication does: stopped with the context, after its routes
        return context;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true; // routes are loaded from routes/ by each test, then the context is started
    }

    private void loadRoutesAndStart() throws Exception {
        AppRoutes.loadAll(context);
        context.start();
    }

    private void drop(String name, String content) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path partial = inbox.resolve(name + ".part");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, inbox.resolve(name));
    }

    private void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, file + " did not appear");
            Thread.sleep(50);
        }
    }

    @Test
    void everyRouteFileLoadsAndExactlyOneFileRouteIsStarted() throws Exception {
        loadRoutesAndStart();
        // pwapi has no delivery reports or replies: their consumers' routes are left out by their preconditions
        assertEquals(List.of("delivery-report-out", "file-to-sms", "file-to-sms-xml", "forward", "forward-dead",
                "inbound-out"), context.getRoutes().stream().map(r -> r.getRouteId()).sorted().toList());
        assertTrue(context.getRouteController().getRouteStatus("file-to-sms").isStarted());
        assertTrue(context.getRouteController().getRouteStatus("file-to-sms-xml").isStopped());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "xml"})
    void aFileIsSentRowByRowWithResultsAndRejectsAndNothingTwiceWhenDroppedAgain(String dsl) throws Exception {
        loadRoutesAndStart();
        if ("xml".equals(dsl)) { // application.properties starts the YAML route; switch to its XML twin
            context.getRouteController().stopRoute("file-to-sms");
            context.getRouteController().startRoute("file-to-sms-xml");
        }

        drop("campaign.csv", FILE);
        awaitFile(data.resolve("done/campaign.csv"));

        List<PwapiSimulator.Accepted> sent = SANDBOX.sandbox().pwapi().accepted();
        assertEquals(List.of("c-1", "c-2", "c-6"), sent.stream().map(PwapiSimulator.Accepted::idExtern).toList());
        assertEquals("Sua fatura está disponível.", sent.get(0).message(), "the file's # text: line");
        assertEquals("Oi Bruno, \"tudo bem\"?", sent.get(1).message());
        List<String> results = Files.readAllLines(data.resolve("outbox/campaign.csv.results.csv"));
        assertEquals("line,row_id,recipient,status,provider,campaign_id,provider_message_id", results.get(0));
        assertEquals("3,c-1,55(21)988887777,ACCEPTED,pwapi,,", results.get(1));
        List<String> rejects = Files.readAllLines(data.resolve("outbox/campaign.csv.rejects.csv"));
        assertEquals(4, rejects.size());
        assertTrue(rejects.contains("5,c-3,,phone is empty"), rejects.toString());
        assertTrue(rejects.stream().anyMatch(l -> l.startsWith("7,c-5,") && l.contains("5 fields")), rejects.toString());
        assertTrue(rejects.stream().anyMatch(l -> l.startsWith("6,c-4,+55 21 9888,mobile: '+55 21 9888' is not a"
                + " usable phone number")), rejects.toString());

        // the same rows again (a re-drop, or a resume after a crash): nothing is sent twice
        drop("campaign-again.csv", FILE);
        awaitFile(data.resolve("done/campaign-again.csv"));
        assertEquals(3, SANDBOX.sandbox().pwapi().acceptedCount(), "no row was sent twice");
        List<String> again = Files.readAllLines(data.resolve("outbox/campaign-again.csv.results.csv"));
        assertEquals(4, again.size());
        assertTrue(again.get(1).contains(",ACCEPTED_EARLIER,"), again.toString());
        // left in that batch: only the invalid number, which the producer refuses alone; still a reject, not a failure
        assertTrue(Files.readAllLines(data.resolve("outbox/campaign-again.csv.rejects.csv")).stream()
                .anyMatch(l -> l.startsWith("6,c-4,")));
    }

    @Test
    void aLaterFileReusingAnIdForAnotherTextGetsARejectNamingTheEarlierSendAndTheOtherRowsGoOn() throws Exception {
        loadRoutesAndStart();
        drop("first.csv", "phone,text,external_id\n+5521988887777,Oi,r-1\n+5511912345678,Oi,r-2\n");
        awaitFile(data.resolve("done/first.csv"));
        drop("second.csv", "phone,text,external_id\n+5521988887777,Tchau,r-1\n+5511912345678,Oi,r-2\n"
                           + "+5511912345679,Oi,r-3\n");
        awaitFile(data.resolve("done/second.csv"));

        List<PwapiSimulator.Accepted> sent = SANDBOX.sandbox().pwapi().accepted();
        assertEquals(List.of("r-1:Oi", "r-2:Oi", "r-3:Oi"), sent.stream().map(a -> a.idExtern() + ":" + a.message())
                .toList(), "r-1 was not sent again with the new text");
        List<String> results = Files.readAllLines(data.resolve("outbox/second.csv.results.csv"));
        assertEquals(List.of("3,r-2,55(11)912345678,ACCEPTED_EARLIER,pwapi,,", "4,r-3,55(11)912345679,ACCEPTED,pwapi,,"),
                results.subList(1, results.size()));
        List<String> rejects = Files.readAllLines(data.resolve("outbox/second.csv.rejects.csv"));
        assertEquals(2, rejects.size(), rejects.toString());
        assertTrue(rejects.get(1).startsWith("2,r-1,+5521988887777,external id 'r-1' was already used for another"
                + " text: pwapi accepted it on 20"), rejects.toString());
        assertTrue(rejects.get(1).endsWith(" (from first.csv line 2); not sent (use a new external id for a new"
                + " message)"), rejects.toString());
    }

    @Test
    void aSecondRowWithTheSameIdInOneFileIsRejectedNamingTheFirstRowsLine() throws Exception {
        loadRoutesAndStart();
        drop("twice.csv", "phone,text,external_id\n+5521988887777,Oi,t-1\n+5511912345678,Oi,t-1\n");
        awaitFile(data.resolve("done/twice.csv"));

        assertEquals(List.of("t-1:5521988887777"), SANDBOX.sandbox().pwapi().accepted().stream()
                .map(a -> a.idExtern() + ":" + a.mobile().replaceAll("\\D", "")).toList());
        List<String> rejects = Files.readAllLines(data.resolve("outbox/twice.csv.rejects.csv"));
        assertEquals(List.of("3,t-1,+5511912345678,external id 't-1' is also message 0 (twice.csv line 2) of this"
                + " send; an external id names one message"), rejects.subList(1, rejects.size()));
    }

    @Test
    void anUnreadableFileGoesToErrorWithTheReasonAndTheNextFileIsStillSent() throws Exception {
        loadRoutesAndStart();
        drop("typo.csv", "phone,txt\n+5521988887777,hi\n");
        drop("good.csv", "phone,text\n+5521988887777,hi\n");

        awaitFile(data.resolve("error/typo.csv"));
        awaitFile(data.resolve("done/good.csv"));
        List<String> rejects = Files.readAllLines(data.resolve("outbox/typo.csv.rejects.csv"));
        assertTrue(rejects.get(1).contains("unknown column(s) [txt]"), rejects.toString());
        assertEquals(1, SANDBOX.sandbox().pwapi().acceptedCount());
    }
}
