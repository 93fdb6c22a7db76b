package io.camelsms.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.camelsms.app.status.FileCounts;
import io.camelsms.app.status.FileRunSummary;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;
import io.camelsms.testing.AppRoutes;
import io.camelsms.testing.LogCapture;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file-drop routes as the app runs them: its properties, its beans, routes/ loaded from files, the sandbox. */
class FileToSmsRouteTest extends CamelTestSupport {

    /** Set by a test to lose the tracking store's database. */
    private volatile boolean databaseLost;

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TempDir
    Path data;

    /** The app's properties as this test overrides them; changed by a test before it loads the routes. */
    private final Properties overrides = new Properties();

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
        overrides.setProperty("sms.provider", "pwapi");
        overrides.setProperty("sms.data-dir", data.toString());
        overrides.setProperty("sms.inbox.read-lock-interval", "100");
        overrides.setProperty("sms.batch-size.pwapi", "1000"); // files of a few thousand rows go in several batches
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        PwapiComponent pwapi = context.getComponent("pwapi", PwapiComponent.class);
        pwapi.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        pwapi.getConfiguration().setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
        pwapi.getConfiguration().setToken(PwapiSimulator.DEFAULT_TOKEN);
        pwapi.getConfiguration().setDefaultRegion("BR"); // camel-main applies camel.component.*; a test does it by hand
        AppBeans beans = new AppBeans();
        context.getRegistry().bind("fileToSms", beans.fileToSms("pwapi", "", data.toString()));
        context.getRegistry().bind("smsJson", beans.smsJson());
        // the embedded store's own database URL and pool (JdbcTrackingStore.embeddedH2)
        DataSource h2 = org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:retry:" + data.resolve("tracking")
                .toAbsolutePath().resolve("tracking") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0", "sa", "");
        // a database a test can lose mid-run: every new connection refused from then on
        DataSource database = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (databaseLost && method.getName().equals("getConnection")) {
                        throw new SQLException("connection refused: the database is gone");
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        JdbcTrackingStore store = new JdbcTrackingStore(database);
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

    /** Starts with the file route of that DSL: application.properties starts the YAML one, the XML one is its twin. */
    private void loadRoutesAndStart(String dsl) throws Exception {
        loadRoutesAndStart();
        if ("xml".equals(dsl)) {
            context.getRouteController().stopRoute("file-to-sms");
            context.getRouteController().startRoute("file-to-sms-xml");
        }
    }

    private void drop(String name, String content) throws Exception {
        drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Written under another name, then renamed into the inbox: the safe way to drop a file. */
    private void drop(String name, byte[] content) throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path partial = inbox.resolve(name + ".part");
        Files.write(partial, content);
        Files.move(partial, inbox.resolve(name));
    }

    private void awaitFile(Path file) throws InterruptedException {
        await(file + " did not appear", () -> Files.exists(file));
    }

    private static void await(String failure, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, failure);
            Thread.sleep(50);
        }
    }

    /** {@code count} valid rows "+5521980000000,Cliente 0,<prefix>-00000", ... starting at the given index. */
    private static String rows(String prefix, int from, int count) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            csv.append(String.format("+55219%08d,Cliente %d,%s-%05d%n", 80_000_000 + i, i, prefix, i));
        }
        return csv.toString();
    }

    private static final String HEADER = "# text: Sua fatura está disponível.\nphone,name,external_id\n";

    /** The records of an output file (quoted fields may span lines), without its header. */
    private List<CSVRecord> records(String outputFile) throws IOException {
        try (Reader reader = Files.newBufferedReader(data.resolve("outbox").resolve(outputFile))) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    /** A reject that stands for several lines: "lines 2003-2006 not read ...". */
    private static final Pattern LINE_RANGE = Pattern.compile("(?:.*: )?lines (\\d+)-(\\d+) not .*");

    /**
     * Every line from {@code firstRow} to {@code lastRow} is in exactly one place: its own line in the results or the
     * rejects, or the range of a reject for lines not read; {@code rejected} entries in the rejects; and the summary
     * line's count of rows read is the number of entries.
     */
    private void assertEveryRowAccountedFor(String file, long firstRow, long lastRow, int rejected, LogCapture log)
            throws IOException {
        List<CSVRecord> results = records(file + ".results.csv");
        List<CSVRecord> rejects = records(file + ".rejects.csv");
        assertEquals(rejected, rejects.size(), () -> "rejects: " + rejects);
        List<Long> covered = new ArrayList<>();
        for (CSVRecord entry : results) {
            covered.add(Long.parseLong(entry.get("line")));
        }
        for (CSVRecord entry : rejects) {
            Matcher range = LINE_RANGE.matcher(entry.get("reason"));
            long from = range.matches() ? Long.parseLong(range.group(1)) : Long.parseLong(entry.get("line"));
            long to = range.matches() ? Long.parseLong(range.group(2)) : from;
            LongStream.rangeClosed(from, to).forEach(covered::add);
        }
        Collections.sort(covered);
        assertEquals(LongStream.rangeClosed(firstRow, lastRow).boxed().toList(), covered,
                "each line of the file once in results or rejects");
        int entries = results.size() + rejects.size();
        assertEquals(1, log.infoAndAbove().stream()
                .filter(l -> l.startsWith("done " + file + ": " + entries + " rows read, ")
                             || l.startsWith("stopped " + file + ": " + entries + " rows read, ")).count(),
                () -> "one summary line with " + entries + " rows read: " + log.infoAndAbove());
    }

    /** Each external id the sandbox received, with how often. */
    private static Map<String, Integer> receivedIds() {
        Map<String, Integer> received = new HashMap<>();
        SANDBOX.sandbox().pwapi().accepted().forEach(m -> received.merge(m.idExtern(), 1, Integer::sum));
        return received;
    }

    private static void assertNoStackTrace(LogCapture log) {
        assertTrue(log.infoAndAbove().stream().noneMatch(l -> l.contains("\tat ")),
                () -> "a stack trace at INFO or above: " + log.infoAndAbove());
    }

    @Test
    void everyRouteFileLoadsAndExactlyOneFileRouteIsStarted() throws Exception {
        loadRoutesAndStart();
        // pwapi has no delivery reports or replies: their consumers' routes are left out by their preconditions
        assertEquals(List.of("delivery-report-out", "file-to-sms", "file-to-sms-xml", "forward", "forward-dead",
                "forward-post", "inbound-out", "reply-triage"), context.getRoutes().stream().map(r -> r.getRouteId()).sorted().toList());
        assertTrue(context.getRouteController().getRouteStatus("file-to-sms").isStarted());
        assertTrue(context.getRouteController().getRouteStatus("file-to-sms-xml").isStopped());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "xml"})
    void aFileIsSentRowByRowWithResultsAndRejectsAndNothingTwiceWhenDroppedAgain(String dsl) throws Exception {
        loadRoutesAndStart(dsl);

        drop("campaign.csv", FILE);
        awaitFile(data.resolve("done/campaign.csv"));

        List<PwapiSimulator.Accepted> sent = SANDBOX.sandbox().pwapi().accepted();
        assertEquals(List.of("c-1", "c-2", "c-6"), sent.stream().map(PwapiSimulator.Accepted::idExtern).toList());
        assertEquals("Sua fatura está disponível.", sent.get(0).message(), "the file's # text: line");
        assertEquals("Oi Bruno, \"tudo bem\"?", sent.get(1).message());
        List<String> results = Files.readAllLines(data.resolve("outbox/campaign.csv.results.csv"));
        assertEquals("line,row_id,recipient,status,provider,campaign_id,provider_message_id,reason", results.get(0));
        assertEquals("3,c-1,55(21)988887777,ACCEPTED,pwapi,,,", results.get(1));
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
        assertEquals(List.of("3,r-2,55(11)912345678,ACCEPTED_EARLIER,pwapi,,,", "4,r-3,55(11)912345679,ACCEPTED,pwapi,,,"),
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
        // the file's reader finds it first, with both lines; the component's own check (one send) never sees it
        assertEquals(List.of("3,t-1,+5511912345678,duplicate of line 2: external_id 't-1' is used on lines 2 and 3 of"
                + " this file"), rejects.subList(1, rejects.size()));
    }

    @Test
    void anUnreadableFileGoesToErrorWithTheReasonAndTheNextFileIsStillSent() throws Exception {
        loadRoutesAndStart();
        try (LogCapture log = LogCapture.everything()) {
            drop("typo.csv", "phone,txt\n+5521988887777,hi\n");
            drop("good.csv", "phone,text\n+5521988887777,hi\n");

            awaitFile(data.resolve("error/typo.csv"));
            awaitFile(data.resolve("done/good.csv"));
            List<String> rejects = Files.readAllLines(data.resolve("outbox/typo.csv.rejects.csv"));
            assertTrue(rejects.get(1).contains("unknown column(s) [txt]"), rejects.toString());
            assertEquals(1, SANDBOX.sandbox().pwapi().acceptedCount());
            assertEquals(1, log.infoAndAbove().stream().filter(l -> l.contains("unknown column(s) [txt]")).count(),
                    () -> "one log line for the fault: " + log.infoAndAbove());
            assertNoStackTrace(log);
        }
    }

    @Test
    void aRowThatIsNotUtf8IsRejectedAloneWithItsByteAndEveryOtherRowIsSentOnce() throws Exception {
        loadRoutesAndStart();
        // 3,500 rows on lines 3..3502; the row on line 3001 has a Latin-1 'á' (0xE1) in its name
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((HEADER + rows("enc", 0, 2998)).getBytes(StandardCharsets.UTF_8));
        file.writeBytes("+5521980002998,F".getBytes(StandardCharsets.UTF_8));
        file.write(0xE1);
        file.writeBytes(("bio,enc-02998\n" + rows("enc", 2999, 501)).getBytes(StandardCharsets.UTF_8));

        try (LogCapture log = LogCapture.everything()) {
            drop("latin.csv", file.toByteArray());
            awaitFile(data.resolve("done/latin.csv"));

            Map<String, Integer> received = receivedIds();
            assertEquals(3499, received.size());
            assertTrue(received.values().stream().allMatch(n -> n == 1), "a row was sent twice");
            assertFalse(received.containsKey("enc-02998"));
            CSVRecord reject = records("latin.csv.rejects.csv").get(0);
            assertEquals(List.of("3001", "enc-02998", "+5521980002998",
                            "not valid UTF-8: byte 0xE1 at line 3001, column 17 (save the file as UTF-8)"),
                    reject.toList());
            assertEveryRowAccountedFor("latin.csv", 3, 3502, 1, log);
            assertEquals(1, log.infoAndAbove().stream().filter(l -> l.contains("not valid UTF-8")).count(),
                    "one log line for the fault");
            assertNoStackTrace(log);
        }
    }

    @Test
    void anUnclosedQuoteRejectsTheLinesFromItsOwnOnAndTheRowsBeforeItAreSent() throws Exception {
        loadRoutesAndStart();
        // 2,000 rows on lines 3..2002; line 2003 opens a quote that never closes, lines 2004-2006 are swallowed by it
        String file = HEADER + rows("q", 0, 2000) + "+5521999990000,\"Ana,q-open\n" + rows("q", 2001, 3);

        try (LogCapture log = LogCapture.everything()) {
            drop("quote.csv", file);
            awaitFile(data.resolve("done/quote.csv"));

            Map<String, Integer> received = receivedIds();
            assertEquals(2000, received.size());
            assertTrue(received.values().stream().allMatch(n -> n == 1), "a row was sent twice");
            assertEquals(List.of("2003", "", "", "unclosed quote: lines 2003-2006 not read (the quoted field that"
                    + " starts on line 2003 never closes)"), records("quote.csv.rejects.csv").get(0).toList());
            assertEveryRowAccountedFor("quote.csv", 3, 2006, 1, log);
            assertEquals(1, log.infoAndAbove().stream().filter(l -> l.contains("unclosed quote")).count());
            assertNoStackTrace(log);
        }
    }

    @Test
    void aSecondRowWithTheSameExternalIdIsRejectedAsADuplicateOfTheFirst() throws Exception {
        loadRoutesAndStart();
        try (LogCapture log = LogCapture.everything()) {
            drop("dup.csv", "phone,text,external_id\n+5521988887777,a,d-1\n+5521988887778,b,d-2\n"
                            + "+5521988887779,c,d-1\n");
            awaitFile(data.resolve("done/dup.csv"));

            assertEquals(Map.of("d-1", 1, "d-2", 1), receivedIds());
            assertEquals("5521988887777", SANDBOX.sandbox().pwapi().accepted().get(0).mobile().replaceAll("\\D", ""),
                    "the first row with d-1 is the one sent");
            assertEquals(List.of("4", "d-1", "+5521988887779", "duplicate of line 2: external_id 'd-1' is used on"
                    + " lines 2 and 4 of this file"), records("dup.csv.rejects.csv").get(0).toList());
            assertEveryRowAccountedFor("dup.csv", 2, 4, 1, log);
        }
    }

    @Test
    void anEmptyFileIsDoneWithZeroRows() throws Exception {
        loadRoutesAndStart();
        try (LogCapture log = LogCapture.everything()) {
            drop("empty.csv", "");
            awaitFile(data.resolve("done/empty.csv"));

            assertEveryRowAccountedFor("empty.csv", 1, 0, 0, log);
            assertEquals(0, SANDBOX.sandbox().pwapi().acceptedCount());
        }
    }

    @Test
    void directoriesAndDanglingLinksAreLoggedOnceAndLeftAloneWhileFilesAroundThemAreSent() throws Exception {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Files.createDirectory(inbox.resolve("folder.csv"));
        Files.createSymbolicLink(inbox.resolve("gone.csv"), data.resolve("nowhere.csv"));
        loadRoutesAndStart();
        try (LogCapture log = LogCapture.everything()) {
            drop("first.csv", "phone,text\n+5521988887777,hi\n");
            awaitFile(data.resolve("done/first.csv"));
            drop("second.csv", "phone,text\n+5521988887778,hi\n");
            awaitFile(data.resolve("done/second.csv"));

            assertEquals(2, SANDBOX.sandbox().pwapi().acceptedCount());
            assertTrue(Files.isDirectory(inbox.resolve("folder.csv")));
            assertTrue(Files.isSymbolicLink(inbox.resolve("gone.csv")));
            assertFalse(Files.exists(data.resolve("error")), "nothing failed");
            // several polls went by while the two files were taken: each non-file is still mentioned once
            List<String> mentions = log.infoAndAbove().stream()
                    .filter(l -> l.contains("folder.csv") || l.contains("gone.csv")).toList();
            assertEquals(List.of("inbox: folder.csv is a directory, not a file: ignored",
                    "inbox: gone.csv is a symbolic link to nothing, not a file: ignored"), mentions.stream().sorted()
                    .toList());
        }
    }

    @Test
    void aFileDroppedAgainWithItsOldTimestampIsReadAgainAndTheEarlierRunsFilesAreKept() throws Exception {
        loadRoutesAndStart();
        drop("again.csv", HEADER + rows("a", 0, 3));
        awaitFile(data.resolve("done/again.csv"));
        List<String> firstResults = Files.readAllLines(data.resolve("outbox/again.csv.results.csv"));

        // cp -p: same name, same size, same modification time
        Path inbox = data.resolve("inbox");
        Files.copy(data.resolve("done/again.csv"), inbox.resolve("again.csv.part"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(inbox.resolve("again.csv.part"), inbox.resolve("again.csv"));
        await("the file was not read again", () -> Files.exists(data.resolve("done/again.csv"))
                && kept("done", "again.").size() == 2);

        assertEquals(3, SANDBOX.sandbox().pwapi().acceptedCount(), "the tracking store knew every row: none sent twice");
        List<String> outbox = kept("outbox", "again.");
        assertEquals(4, outbox.size(), "results and rejects of both runs: " + outbox);
        String earlier = kept("done", "again.").stream().filter(n -> !n.equals("again.csv")).findFirst().orElseThrow();
        assertTrue(earlier.matches("again\\.\\d{8}-\\d{6}\\.csv"), earlier);
        assertEquals(firstResults, Files.readAllLines(data.resolve("outbox/" + earlier + ".results.csv")),
                "the earlier run's results are kept as they were");
        assertTrue(records("again.csv.results.csv").stream().allMatch(r -> r.get("status").equals("ACCEPTED_EARLIER")));
    }

    @Test
    void aFileStillBeingWrittenIsReadOnlyOnceItIsComplete() throws Exception {
        // the default waits 5 s for a writer that appends every 2 s; scaled down, with more margin for a loaded
        // machine: 2 s for one appending every 200 ms
        overrides.setProperty("sms.inbox.read-lock-interval", "2000");
        loadRoutesAndStart();
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Path file = inbox.resolve("slow.csv");
        Files.writeString(file, HEADER);
        for (int i = 0; i < 10; i++) {
            Thread.sleep(200);
            Files.writeString(file, rows("slow", i, 1), StandardOpenOption.APPEND);
        }
        try (LogCapture log = LogCapture.everything()) {
            awaitFile(data.resolve("done/slow.csv"));

            assertEquals(10, receivedIds().size(), "every row, read once the writer was done");
            assertEveryRowAccountedFor("slow.csv", 3, 12, 0, log);
            assertFalse(Files.exists(data.resolve("error")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "xml"})
    void whenTheProviderRefusesABatchPartWayItsRowsAndEveryLaterRowAreRejectedAndTheFileGoesToError(String dsl)
            throws Exception {
        loadRoutesAndStart(dsl);
        SANDBOX.sandbox().pwapi().faults().failAfter(1, 1, Fault.code("009")); // the second request: account blocked
        try (LogCapture log = LogCapture.everything()) {
            drop("blocked.csv", HEADER + rows("b", 0, 2500)); // lines 3..2502, batches of 1,000
            awaitFile(data.resolve("error/blocked.csv"));

            Map<String, Integer> received = receivedIds();
            assertEquals(1000, received.size());
            assertTrue(received.values().stream().allMatch(n -> n == 1));
            List<CSVRecord> rejects = records("blocked.csv.rejects.csv");
            assertEquals(List.of("1003", "b-01000", "+5521980001000", "pwapi: code 009: Account blocked (HTTP 200)"
                    + " [refused]"), rejects.get(0).toList());
            assertTrue(rejects.stream().noneMatch(r -> r.get("reason").contains("[retryable]")));
            // no later batch is sent; each later row is rejected with the reason
            assertEquals(List.of("2003", "b-02000", "+5521980002000", "not sent: sending stopped at line 1003: pwapi"
                    + " code 009: Account blocked (HTTP 200)"), rejects.get(1000).toList());
            assertEveryRowAccountedFor("blocked.csv", 3, 2502, 1500, log);
            assertEquals(1, log.infoAndAbove().stream().filter(l -> l.contains("Account blocked")).count(),
                    () -> "one log line for the fault: " + log.infoAndAbove());
            assertNoStackTrace(log);
        }
    }

    @Test
    void aBatchWhoseOutcomeIsUnknownIsRecordedUnknownAndNeverSentTwice() throws Exception {
        loadRoutesAndStart();
        context.getComponent("pwapi", PwapiComponent.class).getConfiguration().setRetryDelay(10);
        // HTTP 500, which PW-API's document does not define: the request may have been acted on
        SANDBOX.sandbox().pwapi().faults().failAfter(1, 4, Fault.http(500));
        try (LogCapture log = LogCapture.everything()) {
            drop("maybe.csv", HEADER + rows("m", 0, 2500)); // lines 3..2502, batches of 1,000
            awaitFile(data.resolve("error/maybe.csv"));

            assertTrue(receivedIds().values().stream().allMatch(n -> n == 1), "a row was sent twice");
            Map<String, String> status = new HashMap<>();
            records("maybe.csv.results.csv").forEach(r -> status.put(r.get("line"), r.get("status")));
            assertTrue(LongStream.rangeClosed(1003, 2002).allMatch(l -> "UNKNOWN".equals(status.get(String.valueOf(l)))),
                    "the second batch's rows are UNKNOWN");
            List<CSVRecord> rejects = records("maybe.csv.rejects.csv");
            assertTrue(rejects.stream().noneMatch(r -> r.get("reason").contains("[retryable]")), rejects::toString);
            assertEveryRowAccountedFor("maybe.csv", 3, 2502, rejects.size(), log);
        }
    }

    @Test
    void whenTheRouteFailsUnexpectedlyEveryRowIsStillWritten() throws Exception {
        loadRoutesAndStart();
        // the tracking store's database lost mid-run: the send cannot ask what was sent earlier, so sends nothing
        databaseLost = true;
        try (LogCapture log = LogCapture.everything()) {
            drop("lost.csv", HEADER + rows("l", 0, 2500));
            awaitFile(data.resolve("error/lost.csv"));

            assertEquals(0, SANDBOX.sandbox().pwapi().acceptedCount());
            List<CSVRecord> rejects = records("lost.csv.rejects.csv");
            assertTrue(rejects.stream().allMatch(r -> r.get("reason").startsWith("not sent: ")
                    && r.get("reason").contains("the database is gone")), () -> "rejects: " + rejects.subList(0, 3));
            assertEveryRowAccountedFor("lost.csv", 3, 2502, rejects.size(), log);
            // the status page lists it as stopped, every row rejected
            FileRunSummary run = context.getRegistry().lookupByNameAndType("fileToSms", FileToSms.class)
                    .recentRuns().files().get(0);
            assertEquals(FileRunSummary.State.STOPPED, run.state());
            assertEquals(new FileCounts(2500, 0, 0, 0, 2500), run.counts());
        }
    }

    private List<String> kept(String folder, String prefix) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(data.resolve(folder))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).forEach(names::add);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return names;
    }
}
