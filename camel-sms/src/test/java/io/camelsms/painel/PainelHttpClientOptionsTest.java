package io.camelsms.painel;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.testing.CountingProxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP client options over real sockets: a counting proxy on loopback in front of the sandbox. */
class PainelHttpClientOptionsTest extends PainelTestSupport {

    private CountingProxy proxy;
    private CloseableHttpClient userClient;

    @AfterEach
    void stopProxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (userClient != null) {
            userClient.close();
        }
    }

    @Test
    void aSendGoesThroughTheProxyOnceWithItsCredentialsAsHttp11() throws Exception {
        proxy = new CountingProxy("proxy-user", "proxy-pass");

        String uri = "painel:send?proxyHost=127.0.0.1&proxyPort=" + proxy.port()
                     + "&proxyUsername=proxy-user&proxyPassword=proxy-pass";
        SendResult result = template.requestBody(uri, SmsMessage.to("31999999999").text("via proxy").build(),
                SendResult.class);
        assertFalse(context.getEndpoint(uri).toString().contains("proxy-pass"), "the proxy password is masked");

        assertEquals(1, result.acceptedCount());
        List<String> heads = proxy.heads();
        assertEquals(1, heads.size(), "one request reached the proxy, none answered 407 and re-sent: " + heads);
        assertEquals(1, proxy.forwarded());
        assertEquals(1, painel().requestCount());
        assertEquals("via proxy", painel().campaigns().get(0).msg());
        String head = heads.get(0);
        String requestLine = head.lines().findFirst().orElseThrow();
        assertTrue(requestLine.startsWith("GET " + SANDBOX.sandbox().baseUrl() + "/painel/api.ashx?action=sendsms"),
                requestLine);
        assertTrue(requestLine.endsWith(" HTTP/1.1"), requestLine);
        assertTrue(head.contains("Proxy-Authorization: Basic " + Base64.getEncoder()
                .encodeToString("proxy-user:proxy-pass".getBytes(StandardCharsets.UTF_8))), head);
        assertFalse(head.toLowerCase().contains("upgrade"), "no Upgrade (h2c or TLS) header: " + head);
    }

    @Test
    void anInjectedHttpClientIsTheOneThatCalls() throws Exception {
        proxy = new CountingProxy(null, null);
        userClient = HttpClients.custom().setProxy(new HttpHost("127.0.0.1", proxy.port()))
                .disableAutomaticRetries().build();
        context.getRegistry().bind("myClient", userClient);

        SendResult result = template.requestBody("painel:send?httpClient=#myClient",
                SmsMessage.to("31999999999").text("own client").build(), SendResult.class);

        assertEquals(1, result.acceptedCount());
        assertEquals(1, proxy.forwarded(), "the user's client (set to use the proxy) made the call");
        assertEquals(1, painel().requestCount());
    }
}
