package io.camelsms.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.SecretMasking;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.Sandbox;
import io.camelsms.testing.AppProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real app in a child JVM sends a file through painel (the sandbox, configured as if it were the real panel, with
 * an account of its own), gets callbacks through its generated webhook secret, and exits. Then every log line, every
 * file under the data folder (byte for byte, the H2 database included) and every cell of every tracking table is
 * searched for each secret: the login, the password, the webhook secret and the previous one (set by property). Only the secret's own file may hold it.
 */
class SecretsStaySecretTest {

    private static final String LOGIN = "acme-api-7Qx2";
    private static final String PASSWORD = "pw-9vL!kz";
    /** A rotation in progress: the previous secret, set by property, must stay as secret as the current one. */
    private static final String PREVIOUS_SECRET = "prev-Hk38sWq0";

    @TempDir
    Path data;

    @Test
    void noSecretInAnyLogLineFileOrTable() throws Exception {
        Path log = data.resolve("../app-" + data.getFileName() + ".log").normalize();
        Files.createDirectories(data.resolve("inbox"));
        Files.copy(Path.of("samples/recipients.csv"), data.resolve("inbox/recipients.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        int port = AvailablePortFinder.getNextAvailable();
        try (Sandbox sandbox = Sandbox.start(0)) {
            sandbox.painel().account(LOGIN, PASSWORD).autoReply("SIM");
            sandbox.autopilot(Duration.ofMillis(500), Duration.ofMinutes(1));
            Process app = AppProcess.start(Map.of(
                    "sms.data-dir", data.toString(),
                    "sms.exit-when-done", "true",
                    "sms.inbox.read-lock-interval", "100",
                    "sms.dlr.cron", "0/2 * * * * ?",
                    "camel.server.port", String.valueOf(port),
                    "camel.component.painel.base-url", sandbox.baseUrl(),
                    "camel.component.painel.login", LOGIN,
                    "camel.component.painel.password", PASSWORD,
                    "sms.webhook.previous-secret", PREVIOUS_SECRET,
                    "sms.webhook.previous-secret-valid-until", "2999-01-01T00:00:00Z"), log);
            try {
                assertTrue(app.waitFor(120, TimeUnit.SECONDS), () -> "the app did not exit by itself:\n" + tail(log));
            } finally {
                app.destroyForcibly();
            }
            assertEquals(0, app.exitValue(), () -> tail(log));
            String urlCallback = sandbox.painel().campaigns().get(0).urlCallback();
            Path secretFile = data.resolve("webhook-secret");
            String secret = Files.readString(secretFile).strip();
            assertTrue(secret.length() >= 40, "256 random bits");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
            assertEquals("http://127.0.0.1:" + port + "/sms/painel/callback/" + secret, urlCallback,
                    "every url_callback carries the secret");
            assertFalse(lines(data.resolve("outbox"), "inbound-").isEmpty(), "replies came in through the callback");

            List<String> leaks = new ArrayList<>();
            String output = Files.readString(log);
            assertTrue(output.contains("webhook /sms/painel/callback also accepts the previous secret until"
                                       + " 2999-01-01T00:00:00Z"), "the rotation reached the webhook");
            for (String value : List.of(LOGIN, PASSWORD, secret, PREVIOUS_SECRET)) {
                if (holds(output, value)) {
                    leaks.add("log: " + value.substring(0, 3) + "...");
                }
            }
            try (Stream<Path> files = Files.walk(data)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(secretFile)).toList()) {
                    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String value : List.of(LOGIN, PASSWORD, secret, PREVIOUS_SECRET)) {
                        if (holds(bytes, value)) {
                            leaks.add(data.relativize(file) + ": " + value.substring(0, 3) + "...");
                        }
                    }
                }
            }
            for (String cell : trackingCells()) {
                for (String value : List.of(LOGIN, PASSWORD, secret, PREVIOUS_SECRET)) {
                    if (holds(cell, value)) {
                        leaks.add("tracking table cell: " + value.substring(0, 3) + "...");
                    }
                }
            }
            assertEquals(List.of(), leaks);
        }
    }

    /** Whether the text holds the value raw or URL-encoded (what masking would replace). */
    private static boolean holds(String text, String value) {
        return !SecretMasking.mask(text, value).equals(text);
    }

    /** Every cell of every table of the app's H2 tracking store, as text. */
    private List<String> trackingCells() throws Exception {
        List<String> cells = new ArrayList<>();
        String url = "jdbc:h2:" + data.resolve("tracking").toAbsolutePath().resolve("tracking") + ";TRACE_LEVEL_FILE=0";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = s.executeQuery("SELECT table_name FROM information_schema.tables"
                                                  + " WHERE table_schema = 'PUBLIC'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertTrue(tables.stream().anyMatch(t -> t.equalsIgnoreCase("sms_message")), tables::toString);
            for (String table : tables) {
                try (ResultSet rows = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            cells.add(String.valueOf(rows.getObject(i)));
                        }
                    }
                }
            }
        }
        return cells;
    }

    private static List<String> lines(Path outbox, String prefix) throws Exception {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(all::add);
            }
        }
        return all;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
