package io.camelsms.app;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.testing.AppProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's run command as a test: the app in sandbox mode sends the sample, gets reports and replies, exits. */
class ExitWhenDoneTest {

    @TempDir
    Path data;

    @Test
    void theMainJobRunsTheWholeFlowAgainstTheSandboxAndExitsByItself() throws Exception {
        // inbox items that are not recipient files, or have no rows, must not keep the app waiting
        Path inbox = Files.createDirectories(data.resolve("inbox"));
        Files.createDirectory(inbox.resolve("folder.csv"));
        Files.createSymbolicLink(inbox.resolve("gone.csv"), data.resolve("nowhere.csv"));
        Files.createFile(inbox.resolve("empty.csv"));
        Path log = data.resolve("logs/app.log");
        Process app = AppProcess.start(Map.of(
                "sms.data-dir", data.toString(),
                "sms.exit-when-done", "true",
                "sms.inbox.read-lock-interval", "100",
                "camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable())), log);
        try {
            assertTrue(app.waitFor(120, TimeUnit.SECONDS), () -> "the app did not exit by itself:\n" + tail(log));
        } finally {
            app.destroyForcibly();
        }
        assertEquals(0, app.exitValue(), () -> tail(log));
        String output = Files.readString(log);
        assertTrue(output.contains("using the embedded SANDBOX"), "says once that nothing leaves the machine");

        Path outbox = data.resolve("outbox");
        assertEquals(8, Files.readAllLines(outbox.resolve("recipients.csv.results.csv")).size(), "header + 7 rows");
        assertEquals(4, Files.readAllLines(outbox.resolve("recipients.csv.rejects.csv")).size(), "header + 3 rows");
        assertTrue(Files.exists(data.resolve("done/recipients.csv")));
        assertTrue(Files.exists(data.resolve("done/empty.csv")), "an empty file is done, with 0 rows");
        assertTrue(output.contains("done empty.csv: 0 rows read"), output);
        assertTrue(Files.isDirectory(inbox.resolve("folder.csv")) && Files.isSymbolicLink(inbox.resolve("gone.csv")),
                "non-files are left where they are");
        assertEquals(1, output.lines().filter(l -> l.contains("folder.csv is a directory")).count(), "logged once");
        assertEquals(7, lines(outbox, "dlr-").size(), "one delivery report per accepted row");
        List<String> replies = lines(outbox, "inbound-");
        assertTrue(!replies.isEmpty() && replies.stream().allMatch(r -> r.contains("\"externalId\":\"cust-")),
                () -> "replies carry the customer's id: " + replies);
    }

    @Test
    void theAppDoesNotStartWhenTheCallbackPortIsTakenAndSaysWhichPortAndProperty() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        Path log = data.resolve("logs/app.log");
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            Process app = AppProcess.start(Map.of(
                    "sms.data-dir", data.toString(),
                    "sms.exit-when-done", "true",
                    "camel.server.port", String.valueOf(port)), log);
            try {
                assertTrue(app.waitFor(60, TimeUnit.SECONDS), () -> "the app ran on without its callback server:\n"
                        + tail(log));
            } finally {
                app.destroyForcibly();
            }
            assertEquals(1, app.exitValue(), () -> tail(log));
        }
        String output = Files.readString(log);
        // the host is camel.server.host's (all interfaces by default)
        assertTrue(output.matches("(?s).*Not started: the callback server cannot listen on [^ ]+:" + port + " \\(.*")
                   && output.contains("camel.server.port (now " + port + ")"), output);
        assertFalse(output.contains("\tat "), "an expected fault, no stack trace:\n" + output);
        assertFalse(Files.exists(data.resolve("done")), "no file was sent");
    }

    private static List<String> lines(Path outbox, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> matching = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            List<String> all = new java.util.ArrayList<>();
            for (Path f : matching) {
                Files.readAllLines(f).stream().filter(l -> !l.isBlank()).forEach(all::add);
            }
            return all;
        }
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
