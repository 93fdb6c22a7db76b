package io.camelsms.painel;

import java.io.FileInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.SmsProviderException;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.testing.CountingProxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * painel over https with a self-signed certificate made for the test: trusted only through sslContextParameters
 * (on the endpoint, or the context's global ones); without them the TLS handshake fails and nothing is sent.
 */
class PainelHttpsTest extends CamelTestSupport {

    private static final String PASSWORD = "changeit";
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static Path keystore;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/painel/api.ashx", exchange -> {
            REQUESTS.incrementAndGet();
            byte[] body = "{\"status\":1,\"data\":\"12.50\",\"msg\":\"SUCESSO\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopHttpsServer() {
        server.stop(0);
    }

    @BeforeEach
    void clearRateLimits() {
        PainelRateLimiter.SHARED.clear();
        REQUESTS.set(0);
    }

    private static SSLContextParameters trustingTheTestCertificate() {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + keystore);
        trustStore.setPassword(PASSWORD);
        trustStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    private static String balanceUri(String options) {
        return "painel:balance?baseUrl=https://127.0.0.1:" + server.getAddress().getPort()
               + "&login=" + PainelSimulator.DEFAULT_LOGIN + "&password=" + PainelSimulator.DEFAULT_PASSWORD
               + "&maxRetries=0" + options;
    }

    @Test
    void sslContextParametersOnTheEndpointTrustTheServer() {
        context.getRegistry().bind("ssl", trustingTheTestCertificate());

        BigDecimal balance = template.requestBody(balanceUri("&sslContextParameters=#ssl"), null, BigDecimal.class);

        assertEquals(new BigDecimal("12.50"), balance);
        assertEquals(1, REQUESTS.get());
    }

    @Test
    void theGlobalSslContextParametersWhenAskedFor() {
        context.setSSLContextParameters(trustingTheTestCertificate());

        BigDecimal balance = template.requestBody(balanceUri("&useGlobalSslContextParameters=true"), null,
                BigDecimal.class);

        assertEquals(new BigDecimal("12.50"), balance);
        assertEquals(1, REQUESTS.get());
    }

    @Test
    void anHttpsCallThroughTheProxyIsOneTunnelWithTheProxyCredentials() throws Exception {
        context.getRegistry().bind("ssl", trustingTheTestCertificate());
        try (CountingProxy proxy = new CountingProxy("u", "p")) {
            BigDecimal balance = template.requestBody(balanceUri("&sslContextParameters=#ssl&proxyHost=127.0.0.1"
                    + "&proxyPort=" + proxy.port() + "&proxyUsername=u&proxyPassword=p"), null, BigDecimal.class);

            assertEquals(new BigDecimal("12.50"), balance);
            assertEquals(1, proxy.forwarded(), "one tunnel: " + proxy.heads());
            String connect = proxy.heads().get(proxy.heads().size() - 1);
            assertTrue(connect.startsWith("CONNECT 127.0.0.1:" + server.getAddress().getPort() + " HTTP/1.1"),
                    connect);
            assertEquals(1, REQUESTS.get());
        }
    }

    @Test
    void withoutThemTheHandshakeFailsAndTheCallIsRefusedNothingSent() {
        context.setSSLContextParameters(trustingTheTestCertificate());

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(balanceUri(""), null, BigDecimal.class));

        SmsProviderException failure = assertInstanceOf(SmsProviderException.class, e.getCause());
        assertEquals(SmsProviderException.Failure.REFUSED_TRY_LATER, failure.getFailure(), failure.getMessage());
        assertEquals(0, REQUESTS.get());
    }
}
