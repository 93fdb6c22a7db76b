package io.camelsms.painel;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SecretMasking;
import io.camelsms.core.SmsMessage;
import io.camelsms.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A panel that refuses a send by repeating the request's {@code url_callback} in its {@code msg} (as real panels do
 * with a URL they dislike): the webhook secret in that URL, current or previous, appears in no exception and no log
 * line. The sandbox does not echo, so a loopback stub answers here.
 */
class PainelEchoedSecretTest extends CamelTestSupport {

    private static final String SECRET = "cb+S3cr3t/é";
    private static final String PREVIOUS = "old-S3cr3t";
    private HttpServer panel;
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void startPanel() throws Exception {
        panel = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        panel.createContext("/painel/api.ashx", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            received.add(query);
            String urlCallback = "";
            for (String pair : query.split("&")) {
                if (pair.startsWith("url_callback=")) {
                    urlCallback = URLDecoder.decode(pair.substring(13), StandardCharsets.UTF_8);
                }
            }
            byte[] body = ("{\"status\":0,\"data\":null,\"msg\":\"url_callback invalida: " + urlCallback + " ("
                           + query + ")\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        panel.start();
    }

    @AfterEach
    void stopPanel() {
        panel.stop(0);
    }

    @Test
    void theSecretsAPanelEchoesAreMasked() {
        String uri = "painel:send?login=lgn&password=pwd&maxRetries=0&defaultRegion=BR&baseUrl=http://127.0.0.1:"
                     + panel.getAddress().getPort() + "&callbackUrl=https://sms.example.com/sms/painel/callback"
                     + "&webhookSecret=RAW(" + SECRET + ")&webhookPreviousSecret=RAW(" + PREVIOUS + ")"
                     + "&webhookPreviousSecretValidUntil=2999-01-01T00:00:00Z";
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBody(uri,
                    SmsMessage.to("31999999999").text("oi").build()));
            for (Throwable t = e; t != null; t = t.getCause()) {
                seen.add(String.valueOf(t.getMessage()));
            }
            seen.add(context.getEndpoint(uri).toString());
            seen.addAll(logs.lines());
        }
        assertEquals(1, received.size());
        assertTrue(received.get(0).contains("url_callback="), "the send carried the callback URL");
        assertTrue(seen.stream().anyMatch(line -> line.contains("url_callback invalida: https://sms.example.com"
                + "/sms/painel/callback/" + SecretMasking.MASK)), () -> "the refusal is still explained: " + seen);
        for (String line : seen) {
            for (String secret : List.of(SECRET, PREVIOUS)) {
                assertFalse(!SecretMasking.mask(line, secret).equals(line), () -> "secret leaked: " + line);
            }
        }
    }
}
