package io.camelsms.app;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.Json;
import io.camelsms.observability.SmsHealthChecks;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.testing.AppProcess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app as an operator or Kubernetes sees it: /observe/health over real HTTP on the management server, with the
 * provider account's check (the sandbox's painel account) and the tracking store's, no credential in the answer;
 * and docs/observability.md's properties and probe paths are the app's.
 */
class ObserveHealthTest {

    private static final Path PAGE = Path.of("docs/observability.md");
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PROBE_PATH = Pattern.compile("path: (\\S+)");
    /** Only for the app's start; each answer is asserted as it is. */
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The code blocks of the page's "Health checks" section, by language. */
    private static List<String[]> healthBlocks() throws IOException {
        String page = Files.readString(PAGE);
        int start = page.indexOf("## Health checks");
        int end = page.indexOf("\n## ", start + 1);
        String section = page.substring(start, end < 0 ? page.length() : end);
        List<String[]> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(section);
        while (block.find()) {
            blocks.add(new String[] {block.group(1), block.group(2)});
        }
        return blocks;
    }

    @Test
    void thePagesPropertiesAndDependencyAreTheAppsOwn() throws IOException {
        String properties = Files.readString(Path.of("camel-sms-app/src/main/resources/application.properties"));
        List<String[]> blocks = healthBlocks().stream().filter(b -> b[0].equals("properties")).toList();
        assertEquals(1, blocks.size());
        assertTrue(properties.contains(blocks.get(0)[1]), "docs/observability.md's properties block is not in"
                                                          + " application.properties:\n" + blocks.get(0)[1]);
        String pom = Files.readString(Path.of("camel-sms-app/pom.xml")).replaceAll("\\s+", "");
        List<String[]> dependencies = healthBlocks().stream().filter(b -> b[0].equals("xml")).toList();
        assertEquals(1, dependencies.size());
        String dependency = dependencies.get(0)[1].replaceAll("\\s+", "");
        assertTrue(pom.contains(dependency), "the app does not declare the page's dependency: " + dependency);
    }

    @Test
    void healthOverHttpShowsTheAccountAndTheStoreAndTheProbePathsAnswer() throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        Path log = data.resolve("logs/app.log");
        Process app = AppProcess.start(Map.of(
                "sms.data-dir", data.toString(),
                "sms.sample-file", "", // nothing sent: the sandbox account keeps its balance
                "camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable()),
                "camel.management.port", String.valueOf(port),
                // readiness waits for the status poll's first run (Camel's consumer check): every 2 s, not 30
                "sms.dlr.cron", "0/2 * * * * ?"), log);
        try {
            HttpResponse<String> ready = getWhenUp("http://127.0.0.1:" + port + "/observe/health/ready", app, log);
            assertEquals(200, ready.statusCode(), ready::body);

            HttpResponse<String> health = get("http://127.0.0.1:" + port + "/observe/health?data=true");
            assertEquals(200, health.statusCode(), health::body);
            JsonNode checks = Json.MAPPER.readTree(health.body()).get("checks");
            JsonNode account = check(checks, "camel-sms-painel-");
            assertEquals("UP", account.get("status").asText(), account::toString);
            assertEquals(0, PainelSimulator.DEFAULT_BALANCE.compareTo(
                    new BigDecimal(account.path("data").path("balance").asText())), account::toString);
            JsonNode store = check(checks, SmsHealthChecks.TRACKING_STORE_CHECK);
            assertEquals("UP", store.get("status").asText(), store::toString);
            assertEquals("H2", store.path("data").path("database").asText(), store::toString);
            for (String secret : List.of(PainelSimulator.DEFAULT_LOGIN + "&", PainelSimulator.DEFAULT_PASSWORD)) {
                assertFalse(health.body().contains(secret), () -> "a credential in /observe/health: " + health.body());
            }

            List<String> probePaths = new ArrayList<>();
            for (String[] block : healthBlocks()) {
                if (block[0].equals("yaml")) {
                    Matcher path = PROBE_PATH.matcher(block[1]);
                    while (path.find()) {
                        probePaths.add(path.group(1));
                    }
                }
            }
            assertEquals(List.of("/observe/health/ready", "/observe/health/live"), probePaths);
            for (String path : probePaths) {
                HttpResponse<String> probe = get("http://127.0.0.1:" + port + path);
                assertEquals(200, probe.statusCode(), () -> path + ": " + probe.body());
            }
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private static JsonNode check(JsonNode checks, String idPrefix) {
        for (JsonNode check : checks) {
            if (check.get("name").asText().startsWith(idPrefix)) {
                return check;
            }
        }
        throw new AssertionError("no check " + idPrefix + "* in " + checks);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks until the app has started and is ready (its routes start, its first checks run), within START. */
    private HttpResponse<String> getWhenUp(String url, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline && app.isAlive()) {
            try {
                last = get(url);
                if (last.statusCode() == 200) {
                    return last;
                }
            } catch (ConnectException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        HttpResponse<String> seen = last;
        throw new AssertionError("not ready: " + (seen == null ? "never answered" : seen.body()) + "\n"
                                 + Files.readString(log));
    }
}
