package io.camelsms.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.painel.PainelComponent;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.tracking.JdbcTrackingStore;

/**
 * A context whose painel and pwapi components talk to a sandbox on a free loopback port, with a tracking store (H2)
 * and painel's callback webhook on platform-http, routed to {@code mock:events}.
 */
abstract class ObservabilityTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();
    static final String WEBHOOK_SECRET = "metrics-cb-s3cr3t";
    /** The sandbox's accounts for these tests: values no output could contain by chance. */
    static final String PAINEL_LOGIN = "painel-user-7Hq";
    static final String PAINEL_PASSWORD = "painel-pass-Xy9";
    static final String PWAPI_CREDENTIAL = "PW-CRED-93kq";
    static final String PWAPI_TOKEN = "tok-5521";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;
    JdbcTrackingStore store;
    String serverUrl;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        store = JdbcTrackingStore.embeddedH2(data);
        context.getRegistry().bind("trackingStore", store);
        serverUrl = PlatformHttp.addServer(context);
        PainelComponent painel = context.getComponent("painel", PainelComponent.class);
        painel.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        painel.getConfiguration().setLogin(PAINEL_LOGIN);
        painel.getConfiguration().setPassword(PAINEL_PASSWORD);
        painel.getConfiguration().setDefaultRegion("BR");
        painel.getConfiguration().setCallbackUrl(serverUrl + "/sms/painel/callback");
        painel.getConfiguration().setWebhookSecret(WEBHOOK_SECRET);
        PwapiComponent pwapi = context.getComponent("pwapi", PwapiComponent.class);
        pwapi.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        pwapi.getConfiguration().setCredential(PWAPI_CREDENTIAL);
        pwapi.getConfiguration().setToken(PWAPI_TOKEN);
        pwapi.getConfiguration().setRetryDelay(10);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("painel:callback").routeId("painel-callback").to("mock:events");
            }
        };
    }

    @BeforeEach
    void sandboxAccounts() {
        SANDBOX.sandbox().painel().account(PAINEL_LOGIN, PAINEL_PASSWORD);
        SANDBOX.sandbox().pwapi().account(PWAPI_CREDENTIAL, PWAPI_TOKEN);
    }

    @AfterEach
    void closeStore() {
        context.stop();
        store.stop();
    }

    String painelAccount() {
        return context.getComponent("painel", PainelComponent.class).getConfiguration().trackingAccount();
    }

    String pwapiAccount() {
        return context.getComponent("pwapi", PwapiComponent.class).getConfiguration().trackingAccount();
    }

    /** A painel callback with a wrong secret, as a forger would send it: the HTTP status it got. */
    int forgedCallback() throws Exception {
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(serverUrl
                + "/sms/painel/callback/wrong?data_callback=1;31999990001;;;sucesso;"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return forged.statusCode();
    }
}
