package io.camelsms.app.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.camelsms.smsway.model.SmswayState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The status page in a real headless browser (Debian's Chromium), loaded while a file is being sent: its numbers are
 * the tracking store's and the runs', with JavaScript (after the page's script refreshed them) and without. Skipped,
 * saying why, only where Chromium is missing and cannot be installed (src/test/scripts/ensure-chromium.sh).
 */
class StatusPageBrowserTest extends StatusPageTestSupport {

    private static final Path ENSURE_CHROMIUM = Path.of("camel-sms-app/src/test/scripts/ensure-chromium.sh");
    private static final Pattern CELL = Pattern.compile("data-field=\"(\\w+)\">([^<]*)<");
    private static String chromium;

    /** Holds the file route after live.csv's first batch is recorded, until the test has looked. */
    private final CountDownLatch firstBatchRecorded = new CountDownLatch(1);
    private final CountDownLatch goOn = new CountDownLatch(1);

    @BeforeAll
    static void findOrInstallChromium() throws Exception {
        // apt-get's output goes to a file: a full pipe would stall it
        Path output = Files.createTempFile("ensure-chromium", ".log");
        try {
            Process ensure = new ProcessBuilder("sh", ENSURE_CHROMIUM.toString())
                    .redirectError(output.toFile()).start();
            String path = new String(ensure.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean found = ensure.waitFor() == 0;
            String why = Files.readString(output).trim();
            assumeTrue(found, () -> "no headless browser, the status page's browser test is skipped: " + why);
            chromium = path;
        } finally {
            Files.delete(output);
        }
    }

    @Test
    void thePageShowsTheStoresAndTheRunsNumbersWhileAFileIsBeingSentWithAndWithoutJavaScript() throws Exception {
        SANDBOX.sandbox().smsway().failDelivery(FAILING, SmswayState.SMS_NOT_SENT.code());
        loadRoutes();
        AdviceWith.adviceWith(context, "file-to-sms", route -> route.weaveByToString(".*method:record.*").after()
                .process(this::holdLiveFileAfterItsFirstBatch));
        context.start();
        try {
            drop("earlier.csv", recipients("e", 5));
            await(() -> Files.exists(data.resolve("done/earlier.csv")), () -> "earlier.csv not sent");
            deliverEverything();
            drop("live.csv", recipients("l", 8));
            assertTrue(firstBatchRecorded.await(30, TimeUnit.SECONDS), "live.csv's first batch was not sent");
            deliverEverything(); // its statuses settle, so the page and the store are read at rest

            for (boolean javaScript : List.of(true, false)) {
                String dom = loadPage(javaScript);
                // the script (deferred: it runs before the load event) marks the page as refreshing; not without JS
                assertEquals(javaScript, dom.contains("data-refresh-every="), "the page's script ran");
                assertEquals(expected("in progress", written("live.csv"), tracked("live.csv")),
                        row(dom, "data-file", "live.csv"));
                assertEquals(expected("done", written("earlier.csv"), tracked("earlier.csv")),
                        row(dom, "data-file", "earlier.csv"));
                assertEquals(expected(null, written("earlier.csv").plus(written("live.csv")), tracked(null)),
                        row(dom, "data-provider", "smsway"));
                assertTrue(dom.contains("<polyline"), "the chart");
            }
            // not a page of zeros: what was sent so far
            assertEquals(new FileCounts(3, 3, 0, 0, 0), written("live.csv"));
            assertEquals(new StatusTotals(2, 1, 0, 0), tracked("live.csv"));
            assertEquals(new StatusTotals(4, 1, 0, 0), tracked("earlier.csv"));
        } finally {
            goOn.countDown();
        }
        await(() -> Files.exists(data.resolve("done/live.csv")), () -> "live.csv not finished");
    }

    private void holdLiveFileAfterItsFirstBatch(Exchange exchange) throws InterruptedException {
        if ("live.csv".equals(exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY))
            && firstBatchRecorded.getCount() > 0) {
            firstBatchRecorded.countDown();
            assertTrue(goOn.await(120, TimeUnit.SECONDS), "the test never let the file route go on");
        }
    }

    /**
     * The page's DOM in Chromium: with JavaScript, once the page's script refreshed the numbers (it does every 5 s);
     * without, as loaded.
     */
    private String loadPage(boolean javaScript) throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(chromium,
                Files.createTempDirectory(data, "chromium-profile"), javaScript)) {
            browser.load(server + "/sms/status");
            if (javaScript) {
                await(() -> refreshed(browser), () -> "the page's script did not refresh its numbers: "
                        + bodyAttributes(browser));
            }
            return browser.dom();
        }
    }

    private static String bodyAttributes(HeadlessChromium browser) {
        try {
            return String.valueOf(browser.evaluate("document.readyState + ' ' + location.href + ' ' + "
                    + "document.body.innerText.slice(0, 300)"));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static boolean refreshed(HeadlessChromium browser) {
        try {
            return browser.evaluate("document.body.getAttribute('data-refreshed-at')") != null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number cells of the table row whose {@code attribute} is {@code key}, by field, as the page shows them. */
    private static Map<String, String> row(String dom, String attribute, String key) {
        Matcher row = Pattern.compile("<tr " + attribute + "=\"" + Pattern.quote(key) + "\">(.*?)</tr>").matcher(dom);
        assertTrue(row.find(), () -> "no row " + key + " in\n" + dom);
        Map<String, String> cells = new LinkedHashMap<>();
        Matcher cell = CELL.matcher(row.group(1));
        while (cell.find()) {
            cells.put(cell.group(1), cell.group(2));
        }
        return cells;
    }

    private static Map<String, String> expected(String state, FileCounts rows, StatusTotals tracked) {
        Map<String, String> cells = new LinkedHashMap<>();
        if (state != null) {
            cells.put("state", state);
        }
        cells.put("read", String.valueOf(rows.read()));
        cells.put("accepted", String.valueOf(rows.accepted()));
        cells.put("acceptedEarlier", String.valueOf(rows.acceptedEarlier()));
        cells.put("unknown", String.valueOf(rows.unknown()));
        cells.put("rejected", String.valueOf(rows.rejected()));
        cells.put("tracked", String.valueOf(tracked.tracked()));
        cells.put("delivered", String.valueOf(tracked.delivered()));
        cells.put("failed", String.valueOf(tracked.failed()));
        cells.put("expired", String.valueOf(tracked.expired()));
        cells.put("pending", String.valueOf(tracked.pending()));
        return cells;
    }
}
