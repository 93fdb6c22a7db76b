package io.camelsms.app.status;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.smsway.model.SmswayState;
import io.camelsms.testing.LogCapture;
import io.camelsms.tracking.JdbcTrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status page's JSON twin over real HTTP, after a file was sent to the sandbox and its statuses came back. */
class StatusPageTest extends StatusPageTestSupport {

    @Test
    void aFilesNumbersAreItsRunsAndTheTrackingStoresAndAddUp() throws Exception {
        SANDBOX.sandbox().smsway().failDelivery(FAILING, SmswayState.SMS_NOT_SENT.code());
        loadRoutes();
        context.start();
        drop("orders.csv", recipients("o", 5));
        await(() -> Files.exists(data.resolve("done/orders.csv")), () -> "orders.csv not sent");
        deliverEverything();

        String json = get("/sms/status.json").body();
        String page = get("/sms/status").body();
        for (String secret : List.of(SmsWaySimulator.DEFAULT_TOKENAPI, "3938000000", "380000000")) {
            assertFalse(json.contains(secret) || page.contains(secret), "no credential, no phone number: " + secret);
        }
        JsonNode status = Json.MAPPER.readTree(json);

        JsonNode file = status.get("files").get(0);
        assertEquals(1, status.get("files").size());
        assertEquals("orders.csv", file.get("name").asText());
        assertEquals("smsway", file.get("provider").asText());
        assertEquals("DONE", file.get("state").asText());
        FileCounts rows = Json.MAPPER.treeToValue(file.get("rows"), FileCounts.class);
        assertEquals(written("orders.csv"), rows, "what its results and rejects files hold");
        assertEquals(new FileCounts(7, 5, 0, 0, 2), rows);
        StatusTotals tracked = Json.MAPPER.treeToValue(file.get("tracked"), StatusTotals.class);
        assertEquals(tracked("orders.csv"), tracked, "what the tracking store holds");
        assertEquals(new StatusTotals(4, 1, 0, 0), tracked);
        assertEquals(rows.accepted(), tracked.tracked(), "every row accepted is tracked");

        JsonNode provider = status.get("providers").get(0);
        assertEquals(1, status.get("providers").size());
        assertEquals("smsway", provider.get("provider").asText());
        assertEquals(rows, Json.MAPPER.treeToValue(provider.get("rows"), FileCounts.class));
        assertEquals(tracked(null), Json.MAPPER.treeToValue(provider.get("tracked"), StatusTotals.class));

        // the chart's samples: bounded, oldest first, and a sample taken after the statuses came back shows them
        await(() -> lastSample().equals(tracked(null)), () -> "last sample " + lastSample());
        List<JsonNode> history = List.copyOf(Json.MAPPER.readTree(get("/sms/status.json").body())
                .withArray("history").valueStream().toList());
        assertTrue(history.size() >= 2 && history.size() <= StatusHistory.DEFAULT_CAPACITY, history.toString());
    }

    private StatusTotals lastSample() {
        try {
            JsonNode history = Json.MAPPER.readTree(get("/sms/status.json").body()).get("history");
            return history.isEmpty() ? StatusTotals.NONE
                    : Json.MAPPER.treeToValue(history.get(history.size() - 1).get("totals"), StatusTotals.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void whileTheTrackingStoreCannotBeReadTheRowsAreStillShownAndTheFaultIsLoggedOnce() throws Exception {
        loadRoutes();
        context.start();
        drop("orders.csv", recipients("o", 2));
        await(() -> Files.exists(data.resolve("done/orders.csv")), () -> "orders.csv not sent");
        context.getRouteController().stopRoute("delivery-status"); // the page's reads only
        JdbcTrackingStore store = context.getRegistry().findSingleByType(JdbcTrackingStore.class);

        try (LogCapture log = LogCapture.everything()) {
            store.stop();
            JsonNode status = Json.MAPPER.readTree(get("/sms/status.json").body());
            String page = get("/sms/status").body();

            assertFalse(status.get("trackingStoreReadable").asBoolean());
            JsonNode file = status.get("files").get(0);
            assertEquals(written("orders.csv"), Json.MAPPER.treeToValue(file.get("rows"), FileCounts.class));
            assertTrue(file.get("tracked").isNull(), file.toString());
            assertTrue(page.contains("The tracking store cannot be read now"), page);
            assertTrue(page.contains("<td data-field=\"read\">4</td>") && page.contains(
                    "<td data-field=\"delivered\">&ndash;</td>"), page);
            List<String> said = log.infoAndAbove().stream().filter(l -> l.contains("Status page")).toList();
            assertEquals(1, said.size(), said.toString());
            assertFalse(said.get(0).contains("\tat "), "no stack trace: " + said);

            store.start();
            assertTrue(Json.MAPPER.readTree(get("/sms/status.json").body()).get("trackingStoreReadable").asBoolean());
            assertTrue(log.infoAndAbove().stream().anyMatch(l -> l.contains("tracking store can be read again")));
        }
    }

    @Test
    void readOnlyAndNothingOfTheRequestComesBack() throws Exception {
        loadRoutes();
        context.start();

        HttpResponse<String> page = get("/sms/status", "Authorization", "Bearer s3cr3t-token", "X-Api-Key",
                "s3cr3t-key", "Cookie", "session=s3cr3t-cookie");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("No file sent since the app started."), page.body());
        page.headers().map().forEach((name, values) -> assertFalse(values.toString().contains("s3cr3t"),
                () -> name + " echoes the request: " + values));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().startsWith("default-src 'none'"));
        for (String path : List.of("/sms/status", "/sms/status.json")) {
            int status = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server + path))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertEquals(405, status, path);
        }
        HttpResponse<String> script = get("/sms/status.js");
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(script.body().contains("querySelector('main')"), script.body());
    }
}
