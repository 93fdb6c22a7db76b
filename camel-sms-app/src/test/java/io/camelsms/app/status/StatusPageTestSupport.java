package io.camelsms.app.status;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.app.AppBeans;
import io.camelsms.app.FileToSms;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.RecipientResult.Outcome;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.smsway.SmswayComponent;
import io.camelsms.testing.AppRoutes;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's routes as it runs them (its properties, its beans, routes/ loaded from files, the status routes) with
 * smsway on the sandbox, the embedded HTTP server on a free loopback port, and the truth a status page must match:
 * the tracking store's rows read with SQL of their own, and each file's results and rejects files.
 */
abstract class StatusPageTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Valid rows, and two the app rejects before sending (no phone; too short). Batches of 3. */
    static final String HEADER = "# text: Sua fatura está disponível.\nphone,name,external_id\n";
    /** The number the sandbox fails the delivery of (smsway state 4, "sms not sent"). */
    static final String FAILING = "393800000003";

    @TempDir
    Path data;

    String server;
    /** The tracking store's database, read by the tests with their own SQL. */
    DataSource database;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        server = PlatformHttp.addServer(context);
        Properties overrides = new Properties();
        overrides.setProperty("sms.provider", "smsway");
        overrides.setProperty("sms.data-dir", data.toString());
        overrides.setProperty("sms.inbox.read-lock-interval", "100");
        overrides.setProperty("sms.batch-size.smsway", "3");
        overrides.setProperty("sms.dlr.cron", "0/1 * * * * ?");
        overrides.setProperty("sms.status.sample-interval", "100");
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);

        SmswayComponent smsway = context.getComponent("smsway", SmswayComponent.class);
        smsway.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        smsway.getConfiguration().setTokenapi(SmsWaySimulator.DEFAULT_TOKENAPI);
        smsway.getConfiguration().setDefaultRegion("BR"); // camel-main applies camel.component.*; a test does it by hand
        String url = "jdbc:h2:retry:" + data.resolve("tracking").toAbsolutePath().resolve("tracking")
                     + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
        database = org.h2.jdbcx.JdbcConnectionPool.create(url, "sa", "");
        JdbcTrackingStore store = new JdbcTrackingStore(database);
        smsway.getConfiguration().setTrackingStore(store);
        context.getRegistry().bind("trackingStore", TrackingStore.class, store);
        context.addService(store, true, true); // as SmsApplication does: stopped with the context, after its routes

        // the beans and routes camel-main finds in io.camelsms.app (AppBeans, StatusRoutes) and routes/
        AppBeans beans = new AppBeans();
        FileToSms fileToSms = beans.fileToSms("smsway", "", data.toString());
        context.getRegistry().bind("fileToSms", fileToSms);
        context.getRegistry().bind("smsJson", beans.smsJson());
        context.getRegistry().bind("statusPage", beans.statusPage(fileToSms));
        return context;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true; // each test loads the routes, may advise them, then starts the context
    }

    void loadRoutes() throws Exception {
        AppRoutes.loadAll(context);
        context.addRoutes(new StatusRoutes());
    }

    /** {@code valid} rows to +39 380 000 00nn, then the two rows the app rejects. */
    static String recipients(String prefix, int valid) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= valid; i++) {
            csv.append(String.format("+3938000000%02d,Cliente %d,%s-%d%n", i, i, prefix, i));
        }
        csv.append(",Sem telefone,").append(prefix).append("-empty\n");
        csv.append("+55 21 9888,Curto,").append(prefix).append("-short\n");
        return csv.toString();
    }

    /** Written under another name, then renamed into the inbox: the safe way to drop a file. */
    void drop(String name, String content) throws IOException {
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Files.writeString(inbox.resolve(name + ".part"), content, StandardCharsets.UTF_8);
        Files.move(inbox.resolve(name + ".part"), inbox.resolve(name));
    }

    /** Lets the sandbox's messages reach their final states and waits until the store has them all. */
    void deliverEverything() throws InterruptedException {
        SANDBOX.sandbox().clock().advance(SmsWaySimulator.PUSH_DELAY.plus(SmsWaySimulator.DELIVERY_DELAY));
        TrackingStore store = context.getRegistry().findSingleByType(TrackingStore.class);
        await(() -> !store.hasOpenMessages("smsway"), () -> "smsway messages still open: " + tracked(null));
    }

    static void await(BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "not within 30 s: " + state.get());
            Thread.sleep(50);
        }
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The tracking store's smsway messages by status, read with SQL of its own: those whose origin is a line of
     * {@code file}, or all of them when {@code file} is null.
     */
    StatusTotals tracked(String file) {
        String sql = "SELECT status, COUNT(*) FROM sms_message WHERE provider = 'smsway'"
                     + (file == null ? "" : " AND origin LIKE ?") + " GROUP BY status";
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            if (file != null) {
                query.setString(1, file + " line %");
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return StatusTotals.of(counts);
    }

    /** What a file's results and rejects files hold so far: rows read, by where each went. */
    FileCounts written(String file) {
        List<CSVRecord> results = records(file + ".results.csv");
        return new FileCounts(results.size() + records(file + ".rejects.csv").size(),
                results.stream().filter(r -> r.get("status").equals(Outcome.ACCEPTED.name())).count(),
                results.stream().filter(r -> r.get("status").equals(Outcome.ACCEPTED_EARLIER.name())).count(),
                results.stream().filter(r -> r.get("status").equals(Outcome.UNKNOWN.name())).count(),
                records(file + ".rejects.csv").size());
    }

    private List<CSVRecord> records(String outputFile) {
        try (Reader reader = Files.newBufferedReader(data.resolve("outbox").resolve(outputFile))) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
