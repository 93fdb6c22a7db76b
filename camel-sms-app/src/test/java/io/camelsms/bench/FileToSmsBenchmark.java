package io.camelsms.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import io.camelsms.app.AppBeans;
import io.camelsms.core.Json;
import io.camelsms.core.PhoneNumbers;
import io.camelsms.core.SmsText;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.pwapi.model.PwapiMessage;
import io.camelsms.pwapi.model.PwapiRequest;
import io.camelsms.pwapi.model.PwapiResponse;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.smsclouds.SmscloudsComponent;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;

/**
 * Issue 9's benchmark: recipients per second and heap of the {@code file-to-sms} route against a plain-Java
 * baseline doing the same per-row work, one after the other in one JVM on the same input. Not a test: run it with
 * {@code bench/run.sh [rows] [scenario,...]}.
 * <p>
 * Scenarios: {@code route-pwapi}, {@code route-pwapi-tracking}, {@code route-smsclouds},
 * {@code route-smsclouds-tracking} (routes/file-to-sms.yaml in a context set up like the app), {@code baseline}
 * (commons-csv, PhoneNumbers, SmsText, Jackson, JDK HttpClient, 20,000 per POST), {@code naive} (one camel-http
 * call per row, on a 10,000-row slice), {@code sandbox} (pre-built 20,000-message bodies POSTed: the sandbox's own
 * cost). The sandbox runs in a child JVM ({@link BenchSandbox}) so its memory is not in the figures.
 * <p>
 * Peak heap: before each scenario a forced GC, then every heap pool's peak is reset; "peak heap" is the sum of
 * the pools' peaks (an upper bound: eden and old gen peak at different moments), "old gen" that pool's peak
 * (what survives young collections: the figure that shows whether memory stays flat with the file size), and
 * "sampled" the largest used heap seen by a 5 ms sampler.
 */
public final class FileToSmsBenchmark {

    static final int DEFAULT_ROWS = 1_000_000;
    /** The tracking store's database: the embedded H2 default, or {@code -Dbench.tracking=postgres}. */
    static final String TRACKING_DB = System.getProperty("bench.tracking", "h2").equals("postgres") ? "postgres" : "h2";
    static final int NAIVE_ROWS = 10_000;
    static final int PWAPI_BATCH = 20_000;
    static final String BR_TEXT = "Sua fatura de junho esta disponivel. Pague pelo app ate o dia 10.";
    static final String MX_TEXT = "Su factura de junio esta disponible. Pague en la app antes del dia 10.";
    static final List<String> ALL = List.of("route-pwapi", "route-pwapi-tracking", "route-smsclouds",
            "route-smsclouds-tracking", "baseline", "naive", "sandbox", "phones", "phones-libphonenumber");
    /** Brazilian area codes (DDD) in use; every generated number is a valid mobile (9 + 8 digits). */
    private static final int[] BR_AREAS = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34,
        35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73,
        74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99};
    /** Mexico City, Guadalajara, Monterrey: 10-digit numbers as smsclouds wants them. */
    private static final String[] MX_AREAS = {"55", "33", "81"};
    private static final PrintStream OUT = System.out;

    private final int rows;
    private final Path work;
    private final SandboxProcess sandbox;
    private final List<Result> results = new ArrayList<>();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    private FileToSmsBenchmark(int rows, Path work, SandboxProcess sandbox) {
        this.rows = rows;
        this.work = work;
        this.sandbox = sandbox;
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : DEFAULT_ROWS;
        Set<String> scenarios = new LinkedHashSet<>(args.length > 1 ? List.of(args[1].split(",")) : ALL);
        if (!ALL.containsAll(scenarios)) {
            throw new IllegalArgumentException("scenarios are " + ALL + ", got " + scenarios);
        }
        boolean warmup = !Boolean.getBoolean("bench.no-warmup");
        Path work = Files.createTempDirectory("camel-sms-bench");
        OUT.printf(Locale.ROOT, "camel-sms benchmark: %,d rows; %d cores (availableProcessors); heap max %d MB;"
                + " java %s; work dir %s%n", rows, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), work);
        try (SandboxProcess sandbox = SandboxProcess.start()) {
            FileToSmsBenchmark bench = new FileToSmsBenchmark(rows, work, sandbox);
            bench.run(scenarios, warmup);
        } finally {
            deleteTree(work);
        }
    }

    private void run(Set<String> scenarios, boolean warmup) throws Exception {
        long t0 = System.nanoTime();
        Path br = generate(work.resolve("input/recipients-br.csv"), rows, false);
        Path mx = scenarios.stream().anyMatch(s -> s.startsWith("route-smsclouds"))
                ? generate(work.resolve("input/recipients-mx.csv"), rows, true) : null;
        Path brSlice = generate(work.resolve("input/recipients-br-10k.csv"), Math.min(rows, NAIVE_ROWS), false);
        OUT.printf(Locale.ROOT, "input generated in %.1f s: %s (%d MB)%n", (System.nanoTime() - t0) / 1e9,
                br.getFileName(), Files.size(br) >> 20);
        if (warmup) {
            // the JIT compiles the hot paths of every contender once, so the first measured one is not penalised
            int warm = Math.min(rows, 100_000);
            Path w = generate(work.resolve("input/warmup.csv"), warm, false);
            Path wmx = generate(work.resolve("input/warmup-mx.csv"), warm, true);
            long t = System.nanoTime();
            if (scenarios.stream().anyMatch(s -> s.startsWith("route-pwapi"))) {
                runRoute("pwapi", w, false);
            }
            if (scenarios.stream().anyMatch(s -> s.startsWith("route-smsclouds"))) {
                runRoute("smsclouds", wmx, false);
            }
            if (scenarios.contains("baseline")) {
                baseline(w);
            }
            if (scenarios.contains("sandbox")) {
                sandboxOnly(w, warm);
            }
            if (scenarios.contains("phones") || scenarios.contains("phones-libphonenumber")) {
                parsePhones(w, true);
                parsePhones(w, false);
            }
            OUT.printf(Locale.ROOT, "warm-up (%,d rows per contender, not measured) in %.1f s%n", warm,
                    (System.nanoTime() - t) / 1e9);
        }
        for (String scenario : ALL) {
            if (!scenarios.contains(scenario)) {
                continue;
            }
            switch (scenario) {
                case "route-pwapi" -> measure("file-to-sms pwapi, tracking off", () -> runRoute("pwapi", br, false));
                case "route-pwapi-tracking" ->
                        measure("file-to-sms pwapi, tracking on (" + TRACKING_DB + ")",
                                () -> runRoute("pwapi", br, true));
                case "route-smsclouds" ->
                        measure("file-to-sms smsclouds, tracking off", () -> runRoute("smsclouds", mx, false));
                case "route-smsclouds-tracking" ->
                        measure("file-to-sms smsclouds, tracking on (" + TRACKING_DB + ")",
                                () -> runRoute("smsclouds", mx, true));
                case "baseline" -> measure("baseline: plain Java, pwapi JSON", () -> baseline(br));
                case "naive" -> measure("naive Camel route, 1 HTTP call per row (" + NAIVE_ROWS + " rows)",
                        () -> naive(brSlice));
                case "sandbox" -> measure("sandbox only: pre-built pwapi bodies", () -> sandboxOnly(br, rows));
                case "phones" -> measure("phone parsing: PhoneNumbers.parse, 1 thread", () -> parsePhones(br, true));
                case "phones-libphonenumber" -> measure("phone parsing: libphonenumber alone, 1 thread",
                        () -> parsePhones(br, false));
                default -> throw new IllegalStateException(scenario);
            }
        }
        report();
    }

    // ---- input ---------------------------------------------------------------------------------------------

    /**
     * A recipient file as users drop them: a {@code # text:} line, then {@code phone,name,external_id}. Brazilian
     * numbers are written in three styles (E.164, national with punctuation, bare national digits) so parsing does
     * real work; Mexican ones are the 10 national digits smsclouds wants. The same seed gives the same file.
     */
    static Path generate(Path file, int count, boolean mexican) throws IOException {
        Files.createDirectories(file.getParent());
        java.util.SplittableRandom random = new java.util.SplittableRandom(count * 31L + (mexican ? 1 : 0));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# text: " + (mexican ? MX_TEXT : BR_TEXT) + "\n");
            out.write("phone,name,external_id\n");
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < count; i++) {
                line.setLength(0);
                if (mexican) {
                    line.append(MX_AREAS[i % MX_AREAS.length]).append(String.format(Locale.ROOT, "%08d",
                            random.nextInt(100_000_000)));
                } else {
                    int area = BR_AREAS[random.nextInt(BR_AREAS.length)];
                    String subscriber = String.format(Locale.ROOT, "9%d%07d", 6 + random.nextInt(4),
                            random.nextInt(10_000_000));
                    switch (i % 3) {
                        case 0 -> line.append("+55").append(area).append(subscriber);
                        case 1 -> line.append('(').append(area).append(") ").append(subscriber, 0, 5).append('-')
                                .append(subscriber, 5, 9);
                        default -> line.append(area).append(subscriber);
                    }
                }
                line.append(",Cliente ").append(i).append(",bench-").append(i).append('\n');
                out.append(line);
            }
        }
        return file;
    }

    // ---- (1) our route ---------------------------------------------------------------------------------------

    /**
     * routes/file-to-sms.yaml in a CamelContext set up as the app sets it up: application.properties, the AppBeans
     * beans, the provider's sandbox account and the camel.component.* options the app's properties give, and for
     * tracking the embedded H2 store bound and autowired as SmsApplication does. Time: from the file's exchange
     * being created to its completion (the poll's initial delay is not counted; the read lock check interval is
     * set to 10 ms, it only guards against half-copied files).
     */
    private long runRoute(String provider, Path input, boolean tracking) throws Exception {
        sandbox.reset();
        Path data = Files.createDirectories(work.resolve("data-" + provider + (tracking ? "-tracking" : "")
                + "-" + System.nanoTime()));
        CamelContext context = new DefaultCamelContext();
        Properties overrides = new Properties();
        overrides.setProperty("sms.data-dir", data.toString());
        overrides.setProperty("sms.provider", provider);
        overrides.setProperty("sms.inbox.read-lock-interval", "10");
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        TrackingStore store = null;
        BenchPostgres postgres = null;
        if (tracking) {
            if ("postgres".equals(TRACKING_DB)) {
                postgres = BenchPostgres.start();
                store = new JdbcTrackingStore(postgres.dataSource());
            } else {
                store = JdbcTrackingStore.embeddedH2(data.resolve("tracking"));
            }
            context.getRegistry().bind("trackingStore", TrackingStore.class, store);
            context.addService(store, true, true);
        }
        if ("pwapi".equals(provider)) {
            var pwapi = context.getComponent("pwapi", PwapiComponent.class).getConfiguration();
            pwapi.setBaseUrl(sandbox.baseUrl);
            pwapi.setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
            pwapi.setToken(PwapiSimulator.DEFAULT_TOKEN);
            pwapi.setDefaultRegion("BR");
            pwapi.setTrackingStore(store);
        } else {
            var smsclouds = context.getComponent("smsclouds", SmscloudsComponent.class).getConfiguration();
            smsclouds.setBaseUrl(sandbox.baseUrl);
            smsclouds.setToken(SmsCloudsSimulator.DEFAULT_TOKEN);
            smsclouds.setDefaultRegion("MX");
            smsclouds.setCountry(1);
            smsclouds.setTrackingStore(store);
        }
        AppBeans beans = new AppBeans();
        context.getRegistry().bind("fileToSms", beans.fileToSms(provider, "", data.toString()));
        FileDone done = new FileDone();
        context.getManagementStrategy().addEventNotifier(done);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("file-to-sms.yaml",
                Files.readString(Path.of("routes/file-to-sms.yaml"))));
        drop(input, data.resolve("inbox"));
        context.start();
        try {
            if (!done.latch.await(2, TimeUnit.HOURS)) {
                throw new IllegalStateException("the file was not done within 2 hours");
            }
            if (store instanceof JdbcTrackingStore jdbc) {
                // the deferred work is part of the price: how long after the file the store holds every message
                long file = System.nanoTime();
                jdbc.awaitExpanded();
                lastExpandMillis = (System.nanoTime() - file) / 1_000_000;
            }
        } finally {
            context.stop();
            if (postgres != null) {
                postgres.close();
            }
        }
        if (done.failure != null) {
            throw new IllegalStateException("the route failed", done.failure);
        }
        long received = "pwapi".equals(provider) ? sandbox.count()[0] : sandbox.count()[1];
        if (done.accepted != rowsIn(input) || received != done.accepted) {
            throw new IllegalStateException(provider + ": route accepted " + done.accepted + ", sandbox received "
                    + received + ", file has " + rowsIn(input) + " rows (rejected " + done.rejected + ")");
        }
        lastRouteMillis = done.routeMillis;
        return done.accepted;
    }

    private long lastRouteMillis = -1;
    /** How long after the file's exchange completed the tracking store had every message in sms_message. */
    private long lastExpandMillis = -1;

    private static void drop(Path input, Path inbox) throws IOException {
        Files.createDirectories(inbox);
        Path partial = inbox.resolve(input.getFileName() + ".part");
        Files.copy(input, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, inbox.resolve(input.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits for the file exchange of route file-to-sms to complete; keeps its counts and its own elapsed time. */
    private static final class FileDone extends EventNotifierSupport {
        final CountDownLatch latch = new CountDownLatch(1);
        volatile long accepted;
        volatile long rejected;
        volatile long routeMillis;
        volatile Throwable failure;

        FileDone() {
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreCamelContextEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
        }

        @Override
        public void notify(CamelEvent event) {
            if (!(event instanceof CamelEvent.ExchangeEvent e)) {
                return;
            }
            Exchange exchange = e.getExchange();
            if (!"file-to-sms".equals(exchange.getFromRouteId()) || exchange.getProperty(Exchange.SPLIT_INDEX) != null) {
                return;
            }
            if (event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent) {
                if (exchange.getMessage().getHeader("CamelSmsFileAccepted") == null && exchange.getException() == null
                        && event instanceof CamelEvent.ExchangeCompletedEvent) {
                    return; // not the file's exchange
                }
                routeMillis = exchange.getClock().elapsed();
                Long a = exchange.getMessage().getHeader("CamelSmsFileAccepted", Long.class);
                Long r = exchange.getMessage().getHeader("CamelSmsFileRejected", Long.class);
                accepted = a == null ? -1 : a;
                rejected = r == null ? -1 : r;
                failure = exchange.getException();
                latch.countDown();
            }
        }
    }

    // ---- (2) the baseline ------------------------------------------------------------------------------------

    /**
     * The same per-row work without Camel: commons-csv as the route reads the file, PhoneNumbers.parse and the pwapi
     * mobile format, SmsText.of and the document's length checks, PwapiRequest JSON with the same Jackson mapper,
     * one POST of 20,000 messages at a time with the JDK HttpClient, the returncode checked. Like the producer, it
     * prepares each batch on all cores (a parallel stream), so the ratio compares like with like.
     */
    private long baseline(Path input) throws Exception {
        sandbox.reset();
        URI uri = URI.create(sandbox.baseUrl + PwapiSimulator.PATH);
        HttpClient client = HttpClient.newHttpClient();
        long sent = 0;
        try (Reader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .setCommentMarker('#').setIgnoreEmptyLines(false).setTrim(true).get().parse(reader)) {
            String text = parser.getHeaderComment().strip().substring("text:".length()).strip();
            List<CSVRecord> rows = new ArrayList<>(PWAPI_BATCH);
            for (CSVRecord record : parser) {
                rows.add(record);
                if (rows.size() == PWAPI_BATCH) {
                    sent += post(client, uri, baselineBatch(rows, text));
                    rows.clear();
                }
            }
            if (!rows.isEmpty()) {
                sent += post(client, uri, baselineBatch(rows, text));
            }
        }
        if (sandbox.count()[0] != sent) {
            throw new IllegalStateException("baseline: sent " + sent + ", sandbox " + sandbox.count()[0]);
        }
        return sent;
    }

    /**
     * Goal 2 of issue 17: the per-row phone work alone, on one thread, from the file's phone column: either
     * PhoneNumbers.parse (with its prefix cache) or what it did before with libphonenumber alone (parse, type,
     * international format for the area code). Both must agree on every row.
     */
    private static long parsePhones(Path input, boolean withPrefixCache) throws IOException {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        long parsed = 0;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            reader.readLine();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String raw = line.substring(0, line.indexOf(','));
                if (withPrefixCache) {
                    parsed += PhoneNumbers.parse(raw, "BR").countryCode() == 55 ? 1 : 0;
                } else {
                    try {
                        Phonenumber.PhoneNumber number = util.parse(raw, "BR");
                        boolean valid = util.getNumberType(number) != PhoneNumberUtil.PhoneNumberType.UNKNOWN;
                        util.format(number, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
                        parsed += valid && number.getCountryCode() == 55 ? 1 : 0;
                    } catch (NumberParseException e) {
                        throw new IllegalStateException(raw, e);
                    }
                }
            }
        }
        return parsed;
    }

    private static List<PwapiMessage> baselineBatch(List<CSVRecord> rows, String text) {
        return rows.parallelStream().map(record -> {
            String mobile = PwapiMessage.mobile(PhoneNumbers.parse(record.get("phone"), "BR"));
            String id = record.get("external_id");
            if (SmsText.of(text).segments() < 1 || text.length() > PwapiMessage.MAX_MESSAGE
                || id.length() > PwapiMessage.MAX_ID_EXTERN) {
                throw new IllegalStateException("row " + record.getRecordNumber() + " breaks a limit");
            }
            return new PwapiMessage(id, "", mobile, "N", text);
        }).toList();
    }

    private static int post(HttpClient client, URI uri, List<PwapiMessage> batch) throws Exception {
        PwapiRequest request = new PwapiRequest("4.00", PwapiSimulator.DEFAULT_CREDENTIAL,
                PwapiSimulator.DEFAULT_TOKEN, PwapiRequest.SEND_MESSAGE, "", batch);
        postBody(client, uri, Json.MAPPER.writeValueAsBytes(request));
        return batch.size();
    }

    private static void postBody(HttpClient client, URI uri, byte[] body) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        String code = Json.MAPPER.readValue(response.body(), PwapiResponse.class).returncode();
        if (response.statusCode() != 200 || !"000".equals(code)) {
            throw new IllegalStateException("sandbox answered HTTP " + response.statusCode() + " returncode " + code);
        }
    }

    // ---- (3) a naive route -------------------------------------------------------------------------------------

    /**
     * What a user might write first: split the file by line, one pwapi request with one message per row, through
     * camel-http (or, when camel-http is not on the classpath, the JDK HttpClient in a processor).
     */
    private long naive(Path input) throws Exception {
        sandbox.reset();
        String target = sandbox.baseUrl + PwapiSimulator.PATH;
        CamelContext context = new DefaultCamelContext();
        boolean camelHttp = hasCamelHttp(context);
        AtomicLong accepted = new AtomicLong();
        HttpClient jdk = HttpClient.newHttpClient();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                var perRow = from("direct:naive")
                        .split(body().tokenize("\n")).streaming()
                        .filter(exchange -> {
                            String line = exchange.getIn().getBody(String.class);
                            return !line.isBlank() && !line.startsWith("#") && !line.startsWith("phone,");
                        })
                        .process(exchange -> {
                            String[] fields = exchange.getIn().getBody(String.class).split(",");
                            String mobile = PwapiMessage.mobile(PhoneNumbers.parse(fields[0], "BR"));
                            PwapiRequest request = new PwapiRequest("4.00", PwapiSimulator.DEFAULT_CREDENTIAL,
                                    PwapiSimulator.DEFAULT_TOKEN, PwapiRequest.SEND_MESSAGE, "",
                                    List.of(new PwapiMessage(fields[2], "", mobile, "N", BR_TEXT)));
                            exchange.getIn().setBody(Json.MAPPER.writeValueAsBytes(request));
                            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
                            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
                        });
                if (camelHttp) {
                    perRow = perRow.to(target);
                } else {
                    perRow = perRow.process(exchange -> postBody(jdk, URI.create(target),
                            exchange.getIn().getBody(byte[].class)));
                }
                perRow.process(exchange -> {
                    if (camelHttp) {
                        String code = Json.MAPPER.readValue(exchange.getIn().getBody(byte[].class),
                                PwapiResponse.class).returncode();
                        if (!"000".equals(code)) {
                            throw new IllegalStateException("returncode " + code);
                        }
                    }
                    accepted.incrementAndGet();
                });
            }
        });
        context.start();
        try {
            context.createProducerTemplate().sendBody("direct:naive", input.toFile());
        } finally {
            context.stop();
        }
        naiveTransport = camelHttp ? "camel-http" : "JDK HttpClient in a processor (camel-http not on the classpath)";
        if (sandbox.count()[0] != accepted.get()) {
            throw new IllegalStateException("naive: " + accepted + " vs sandbox " + sandbox.count()[0]);
        }
        return accepted.get();
    }

    private String naiveTransport = "";

    private static boolean hasCamelHttp(CamelContext context) {
        try {
            return context.getComponent("http") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---- (4) the sandbox on its own ----------------------------------------------------------------------------

    /**
     * The sandbox's own cost: request bodies of 20,000 messages built before the clock starts (from the first rows
     * of the file, cycled; the sandbox keeps no ids), POSTed back to back until {@code count} recipients went.
     */
    private long sandboxOnly(Path input, int count) throws Exception {
        sandbox.reset();
        URI uri = URI.create(sandbox.baseUrl + PwapiSimulator.PATH);
        HttpClient client = HttpClient.newHttpClient();
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            List<PwapiMessage> batch = new ArrayList<>();
            reader.readLine();
            reader.readLine();
            for (String line; bodies.size() < 4 && (line = reader.readLine()) != null; ) {
                String[] fields = line.split(",");
                batch.add(new PwapiMessage(fields[2], "", PwapiMessage.mobile(PhoneNumbers.parse(fields[0], "BR")),
                        "N", BR_TEXT));
                if (batch.size() == PWAPI_BATCH) {
                    bodies.add(Json.MAPPER.writeValueAsBytes(new PwapiRequest("4.00",
                            PwapiSimulator.DEFAULT_CREDENTIAL, PwapiSimulator.DEFAULT_TOKEN, PwapiRequest.SEND_MESSAGE,
                            "", batch)));
                    sizes.add(batch.size());
                    batch.clear();
                }
            }
            if (bodies.isEmpty()) {
                bodies.add(Json.MAPPER.writeValueAsBytes(new PwapiRequest("4.00", PwapiSimulator.DEFAULT_CREDENTIAL,
                        PwapiSimulator.DEFAULT_TOKEN, PwapiRequest.SEND_MESSAGE, "", batch)));
                sizes.add(batch.size());
            }
        }
        return timed(() -> {
            long sent = 0;
            for (int i = 0; sent < count; i++) {
                postBody(client, uri, bodies.get(i % bodies.size()));
                sent += sizes.get(i % sizes.size());
            }
            return sent;
        });
    }

    /** The part of a scenario that the clock measures, when it has set-up that must not count. */
    private long timed(Work work) throws Exception {
        long start = System.nanoTime();
        long n = work.run();
        timedNanos = System.nanoTime() - start;
        return n;
    }

    private long timedNanos = -1;

    // ---- measuring and reporting ---------------------------------------------------------------------------------

    @FunctionalInterface
    interface Work {
        long run() throws Exception;
    }

    /** @param expandSeconds how long after the route the tracking store had expanded everything (0 without one) */
    record Result(String name, long recipients, double seconds, double cpuSeconds, long peakHeap, long peakOld,
                  long sampledMax, long heapBefore, String note, double expandSeconds) {
        double rate() {
            return recipients / seconds;
        }

        /** The rate counting the store's expansion after the route. */
        double expandedRate() {
            return recipients / (seconds + expandSeconds);
        }
    }

    private void measure(String name, Work work) throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        lastRouteMillis = -1;
        lastExpandMillis = -1;
        timedNanos = -1;
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long recipients;
        try {
            recipients = work.run();
        } finally {
            sampler.stop = true;
            sampler.join();
        }
        long wall = System.nanoTime() - start;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        String note = "";
        double seconds = wall / 1e9;
        if (lastRouteMillis >= 0) {
            seconds = lastRouteMillis / 1e3;
            note = String.format(Locale.ROOT, "route exchange %.2f s; context start/stop included: %.2f s", seconds,
                    wall / 1e9);
            if (lastExpandMillis >= 0) {
                note += String.format(Locale.ROOT, "; store expanded %.2f s after the route", lastExpandMillis / 1e3);
            }
        } else if (timedNanos >= 0) {
            seconds = timedNanos / 1e9;
            note = "bodies pre-built before the clock";
        } else if (name.startsWith("naive")) {
            note = naiveTransport;
        }
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long old = heapPools.stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Result result = new Result(name, recipients, seconds, cpuSeconds, peak, old, sampler.max, before, note,
                Math.max(0, lastExpandMillis) / 1e3);
        results.add(result);
        OUT.printf(Locale.ROOT, "  %-48s %,10d recipients in %7.2f s = %,9.0f /s; CPU %.2f s; peak heap %4d MB (old gen"
                + " %d MB, sampled max %d MB, before %d MB) %s%n", name, recipients, seconds, result.rate(), cpuSeconds,
                peak >> 20,
                old >> 20, sampler.max >> 20, before >> 20, note);
    }

    /**
     * CPU time of this JVM (every thread, the sandbox excluded: it has its own): on a machine shared with other
     * work, the figure that does not depend on what else runs.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static final class HeapSampler extends Thread {
        volatile boolean stop;
        volatile long max;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!stop) {
                max = Math.max(max, memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void report() {
        Result baseline = results.stream().filter(r -> r.name().startsWith("baseline")).findFirst().orElse(null);
        OUT.println();
        OUT.printf(Locale.ROOT, "| scenario | recipients | time (s) | CPU (s) | recipients/s | x baseline |"
                + " peak heap (MB) | old gen peak (MB) |%n|---|---:|---:|---:|---:|---:|---:|---:|%n");
        for (Result r : results) {
            OUT.printf(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %,.0f | %s | %d | %d |%n", r.name(), r.recipients(),
                    r.seconds(), r.cpuSeconds(), r.rate(), baseline == null ? "-" : String.format(Locale.ROOT, "%.2f",
                            r.rate() / baseline.rate()), r.peakHeap() >> 20, r.peakOld() >> 20);
        }
        for (Result on : results) {
            int cut = on.name().indexOf(", tracking on");
            if (cut < 0) {
                continue;
            }
            String off = on.name().substring(0, cut) + ", tracking off";
            results.stream().filter(r -> r.name().equals(off)).findFirst()
                    .ifPresent(r -> OUT.printf(Locale.ROOT, "tracking on/off: %s: %.2fx the rate, %.2fx the CPU"
                                    + " (issue 17 goal 1: 0.6x); everything expanded %.2f s after the route: %.2fx"
                                    + " the rate counting it%n", on.name(), on.rate() / r.rate(),
                            r.cpuSeconds() / on.cpuSeconds(), on.expandSeconds(), on.expandedRate() / r.rate()));
        }
        results.stream().filter(r -> r.name().startsWith("file-to-sms pwapi, tracking off")).findFirst()
                .ifPresent(r -> OUT.printf(Locale.ROOT, "file-to-sms: %.0f recipients/s, %s baseline, peak heap %d MB%n",
                        r.rate(), baseline == null ? "?x" : String.format(Locale.ROOT, "%.2fx",
                                r.rate() / baseline.rate()), r.peakHeap() >> 20));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static long rowsIn(Path input) {
        String name = input.getFileName().toString();
        return ROWS.computeIfAbsent(name, n -> {
            try (Stream<String> lines = Files.lines(input)) {
                return lines.count() - 2;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static final java.util.Map<String, Long> ROWS = new java.util.concurrent.ConcurrentHashMap<>();

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The sandbox in a child JVM, driven through {@link BenchSandbox}'s line protocol. */
    static final class SandboxProcess implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final PrintStream in;
        final String baseUrl;

        private SandboxProcess(Process process) throws IOException {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String ready = readLine();
            if (!ready.startsWith("READY ")) {
                throw new IllegalStateException("sandbox did not start: " + ready);
            }
            this.baseUrl = ready.substring("READY ".length());
        }

        static SandboxProcess start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, System.getProperty("bench.sandbox-heap", "-Xmx1g"),
                    "-XX:+UseG1GC",
                    // the JDK server otherwise leaves Nagle on: with a client that writes headers and body apart
                    // (camel-http) every small request then waits ~40 ms for a delayed ACK
                    "-Dsun.net.httpserver.nodelay=true",
                    "-cp", System.getProperty("java.class.path")));
            String log = System.getProperty("log4j2.configurationFile");
            if (log != null) {
                command.add("-Dlog4j2.configurationFile=" + log);
            }
            command.add(BenchSandbox.class.getName());
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new SandboxProcess(process);
        }

        private String readLine() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("the sandbox process ended");
            }
            return line;
        }

        void reset() throws IOException {
            in.println("reset");
            String ok = readLine();
            if (!"OK".equals(ok)) {
                throw new IllegalStateException("sandbox reset: " + ok);
            }
        }

        /** pwapi accepted, smsclouds accepted, pwapi requests. */
        long[] count() throws IOException {
            in.println("count");
            return Stream.of(readLine().split(" ")).mapToLong(Long::parseLong).toArray();
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        }
    }
}
