package io.camelsms.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pwapi simulator as a user's own code sees it: raw HTTP, the document's return codes. */
class PwapiSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private static String request(String version, String function, String messages) {
        return "{\"version\":\"" + version + "\",\"credential\":\"SANDBOX-CREDENTIAL\",\"token\":\"sbx01\","
               + "\"function\":\"" + function + "\",\"principal_user\":\"\",\"messages\":" + messages + "}";
    }

    private static String message(String mobile, String text) {
        return "{\"id_extern\":\"x\",\"aux_user\":\"\",\"mobile\":\"" + mobile + "\",\"send_project\":\"N\","
               + "\"message\":\"" + text + "\"}";
    }

    private static String post(String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(SANDBOX.sandbox().baseUrl() + PwapiSimulator.PATH)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON                 | 600 | {version",
        "not an object            | 601 | [1,2]",
        "version malformed        | 006 | " + "{\"version\":\"four\"}",
        "version other than 4.00  | 005 | " + "{\"version\":\"3.00\"}",
    })
    void malformedRequests(String name, String code, String body) throws Exception {
        assertEquals("{\"returncode\":\"" + code + "\"}", post(body));
    }

    @Test
    void theDocumentsChecksAnswerTheirCodes() throws Exception {
        String ok = "[" + message("55(21)988887777", "hi") + "]";
        assertEquals("{\"returncode\":\"000\"}", post(request("4.00", "SEND_MESSAGE", ok)));
        assertEquals("{\"returncode\":\"007\"}", post(request("4.00", "GET_BALANCE", ok)));
        assertEquals("{\"returncode\":\"602\"}", post(request("4.00", "SEND_MESSAGE", "{}")));
        assertEquals("{\"returncode\":\"603\"}", post(request("4.00", "SEND_MESSAGE", "[1]")));
        assertEquals("{\"returncode\":\"008\"}", post(request("4.00", "SEND_MESSAGE",
                "[" + message("+5521988887777", "hi") + "]")), "mobile must be CC(AA)N");
        assertEquals("{\"returncode\":\"008\"}", post(request("4.00", "SEND_MESSAGE",
                "[" + message("55(21)988887777", "x".repeat(1001)) + "]")));
        assertEquals("{\"returncode\":\"001\"}", post(request("4.00", "SEND_MESSAGE", ok)
                .replace("sbx01", "wrong")));
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 20_001; i++) {
            tooMany.append(i == 0 ? "" : ",").append(message("55(21)988887777", "m"));
        }
        assertEquals("{\"returncode\":\"004\"}", post(request("4.00", "SEND_MESSAGE", tooMany + "]")));
        assertEquals(1, SANDBOX.sandbox().pwapi().acceptedCount(), "only the valid request was kept");
    }

    @Test
    void faultsAreInjectedOnRequest() throws Exception {
        String ok = request("4.00", "SEND_MESSAGE", "[" + message("55(21)988887777", "hi") + "]");
        SANDBOX.sandbox().pwapi().faults().failNext(1, Fault.code("902")).latency(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertEquals("{\"returncode\":\"902\"}", post(ok));
        assertTrue(System.nanoTime() - start >= 200_000_000L, "latency added");
        assertEquals("{\"returncode\":\"000\"}", post(ok));

        SANDBOX.sandbox().pwapi().faults().clear();
        SANDBOX.sandbox().pwapi().faults().failFraction(0.5, Fault.http(503));
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(SANDBOX.sandbox().baseUrl()
                    + PwapiSimulator.PATH)).POST(HttpRequest.BodyPublishers.ofString(ok)).build(),
                    HttpResponse.BodyHandlers.ofString());
            failed += r.statusCode() == 503 ? 1 : 0;
        }
        assertTrue(failed > 60 && failed < 140, "about half failed: " + failed);
    }

    @Test
    void theLastAcceptedMessagesAreKeptAndAllAreCounted() throws Exception {
        int batch = 20_000;
        int batches = PwapiSimulator.MESSAGES_KEPT / batch + 1;
        for (int b = 0; b < batches; b++) {
            StringBuilder messages = new StringBuilder("[");
            for (int i = 0; i < batch; i++) {
                messages.append(i == 0 ? "" : ",").append(message("55(21)9" + String.format("%08d", b * batch + i),
                        "hi"));
            }
            assertEquals("{\"returncode\":\"000\"}", post(request("4.00", "SEND_MESSAGE", messages + "]")));
        }

        List<PwapiSimulator.Accepted> kept = SANDBOX.sandbox().pwapi().accepted();
        assertEquals((long) batches * batch, SANDBOX.sandbox().pwapi().acceptedCount());
        assertEquals(PwapiSimulator.MESSAGES_KEPT, kept.size());
        assertEquals("55(21)9" + String.format("%08d", batches * batch - PwapiSimulator.MESSAGES_KEPT),
                kept.get(0).mobile(), "the oldest are forgotten first");
    }
}
