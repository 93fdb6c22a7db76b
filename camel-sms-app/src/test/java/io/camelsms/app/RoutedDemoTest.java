package io.camelsms.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.camel.test.AvailablePortFinder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.testing.AppProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's sms: demo as a test: the app with sms.provider=sms sends samples/recipients-mixed.csv through the
 * sandbox, each row to its country's provider; with painel down, the Brazilian rows go to pwapi.
 */
class RoutedDemoTest {

    @TempDir
    Path data;

    private Path run(Map<String, String> extra) throws Exception {
        Path log = data.resolve("logs/app.log");
        Map<String, String> properties = new HashMap<>(Map.of(
                "sms.provider", "sms",
                "sms.sample-file", "samples/recipients-mixed.csv",
                "sms.data-dir", data.toString(),
                "sms.exit-when-done", "true",
                "sms.inbox.read-lock-interval", "100",
                "camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable())));
        properties.putAll(extra);
        Process app = AppProcess.start(properties, log);
        try {
            assertTrue(app.waitFor(120, TimeUnit.SECONDS), () -> "the app did not exit by itself:\n" + tail(log));
        } finally {
            app.destroyForcibly();
        }
        assertEquals(0, app.exitValue(), () -> tail(log));
        return data.resolve("outbox");
    }

    /** The results file's provider column by row id. */
    private static Map<String, String> providerByRow(Path outbox) throws IOException {
        return records(outbox.resolve("recipients-mixed.csv.results.csv")).stream()
                .collect(Collectors.toMap(r -> r.get("row_id"), r -> r.get("provider")));
    }

    @Test
    void eachRowGoesToItsCountrysProviderAndTheUnroutableOneIsRejectedWithTheReason() throws Exception {
        Path outbox = run(Map.of());

        assertEquals(Map.of("mix-1001", "painel", "mix-1002", "smsclouds", "mix-1003", "smsway",
                "mix-1004", "webcom", "mix-1005", "painel"), providerByRow(outbox));
        List<CSVRecord> rejects = records(outbox.resolve("recipients-mixed.csv.rejects.csv"));
        assertEquals(1, rejects.size());
        assertEquals("mix-1006", rejects.get(0).get("row_id"));
        assertTrue(rejects.get(0).get("reason").contains("rejects +33612345678 (region FR); not sent"),
                rejects.get(0).get("reason"));
    }

    @Test
    void withPainelDownTheBrazilianRowsFailOverToPwapi() throws Exception {
        Path outbox = run(Map.of("sms.sandbox.painel-down", "true", "camel.component.painel.max-retries", "0"));

        Map<String, String> providers = providerByRow(outbox);
        assertEquals("pwapi", providers.get("mix-1001"));
        assertEquals("pwapi", providers.get("mix-1005"));
        assertEquals("smsclouds", providers.get("mix-1002"));
        assertEquals(5, providers.size(), "each routable row once");
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
