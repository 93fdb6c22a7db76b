package io.camelsms.app;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.testing.AppProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's operator endpoints on camel-main's management server: Prometheus metrics at {@code /observe/metrics} and
 * the sms dev console at {@code /q/dev/sms}, after the sandbox run of the sample file; the figures match the run's
 * output files, and neither page carries a credential.
 */
class OperatorEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String WEBHOOK_SECRET = "app-hook-s3cr3t-Q1";

    @TempDir
    Path data;

    @Test
    void metricsAndTheSmsConsoleShowTheSampleRunsSendsAndReports() throws Exception {
        int management = AvailablePortFinder.getNextAvailable();
        Path log = data.resolve("logs/app.log");
        Process app = AppProcess.start(Map.of(
                "sms.data-dir", data.toString(),
                "sms.inbox.read-lock-interval", "100",
                "sms.webhook.secret", WEBHOOK_SECRET,
                "camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable()),
                "camel.management.port", String.valueOf(management)), log);
        try {
            Path outbox = data.resolve("outbox");
            // each accepted row of the sample gets its final report (the sandbox's autopilot runs time on)
            long accepted = awaitAcceptedRowsReported(outbox, app, log);

            String metrics = get("http://127.0.0.1:" + management + "/observe/metrics");
            assertEquals(accepted, sum(metrics, "sms_messages_accepted_total{", "provider=\"painel\""), metrics);
            assertEquals(accepted, sum(metrics, "sms_delivery_reports_total{", "provider=\"painel\""), metrics);
            assertEquals(accepted, sum(metrics, "sms_delivery_time_seconds_count{", "provider=\"painel\""),
                    metrics);
            assertTrue(sum(metrics, "sms_provider_calls_seconds_count{", "operation=\"sendsms\"") >= 1, metrics);
            // every accepted row has its final report: nothing is open any more
            assertEquals(0, sum(metrics, "sms_messages_open{", "provider=\"painel\""), metrics);
            assertTrue(metrics.contains("\nsms_messages_open_oldest_age_seconds{"), metrics);

            String console = get("http://127.0.0.1:" + management + "/q/dev/sms");
            assertTrue(console.contains("\npainel (account ") && console.contains("messages: accepted " + accepted
                    + ","), console);
            assertTrue(console.contains("\nSandbox at http://127.0.0.1:"), console);
            String json = get("http://127.0.0.1:" + management + "/q/dev/sms", "application/json");
            assertTrue(json.replace(" ", "").contains("\"accepted\":" + accepted + ","), json);

            // the other consoles the management server serves mask what is secret too
            String properties = get("http://127.0.0.1:" + management + "/q/dev/properties");
            for (String secret : List.of(PainelSimulator.DEFAULT_PASSWORD, WEBHOOK_SECRET)) {
                assertFalse(properties.contains(secret), secret);
                assertFalse(metrics.contains(secret), secret);
                assertFalse(console.contains(secret), secret);
                assertFalse(json.contains(secret), secret);
            }
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    @Test
    void theAppDoesNotStartWhenTheManagementPortIsTakenAndSaysWhichPortAndProperty() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        Path log = data.resolve("logs/app.log");
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            Process app = AppProcess.start(Map.of(
                    "sms.data-dir", data.toString(),
                    "camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable()),
                    "camel.management.port", String.valueOf(port)), log);
            try {
                assertTrue(app.waitFor(60, TimeUnit.SECONDS), () -> "the app ran on:\n" + read(log));
            } finally {
                app.destroyForcibly();
            }
            assertEquals(1, app.exitValue(), () -> read(log));
        }
        String output = read(log);
        assertTrue(output.contains("Not started: the management server (metrics, dev console) cannot listen on"
                                   + " 127.0.0.1:" + port + " (") && output.contains("camel.management.port (now "
                                   + port + ")"), output);
        assertFalse(output.contains("\tat "), "an expected fault, no stack trace:\n" + output);
    }

    /** Waits until the run wrote one final report per accepted row; returns how many rows were accepted. */
    private static long awaitAcceptedRowsReported(Path outbox, Process app, Path log) throws Exception {
        Path results = outbox.resolve("recipients.csv.results.csv");
        while (true) {
            assertTrue(app.isAlive(), () -> "the app stopped:\n" + read(log));
            if (Files.exists(results)) {
                long accepted = Files.readAllLines(results).size() - 1;
                if (accepted > 0 && reportLines(outbox) >= accepted) {
                    return accepted;
                }
            }
            Thread.sleep(200);
        }
    }

    private static long reportLines(Path outbox) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            long lines = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("dlr-")).toList()) {
                lines += Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
            }
            return lines;
        }
    }

    /** The sum of the Prometheus samples of {@code series} whose labels include {@code label}. */
    private static double sum(String metrics, String series, String label) {
        return metrics.lines().filter(l -> l.startsWith(series) && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String get(String url) throws Exception {
        return get(url, "*/*");
    }

    private static String get(String url, String accept) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> url + ": " + response.body());
        return response.body();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
