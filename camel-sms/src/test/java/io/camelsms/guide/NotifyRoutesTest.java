package io.camelsms.guide;

import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.SendResult;
import io.camelsms.painel.PainelComponent;
import io.camelsms.painel.PainelConfiguration;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.Sandbox;
import io.camelsms.tracking.JdbcTrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test of docs/use-in-your-app.md, exactly as the page shows it: the user's route against the sandbox. */
class NotifyRoutesTest extends CamelTestSupport {

    static Sandbox sandbox;

    @TempDir
    static Path data;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(0);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        PainelConfiguration painel = context.getComponent("painel", PainelComponent.class).getConfiguration();
        painel.setBaseUrl(sandbox.baseUrl());
        painel.setLogin(PainelSimulator.DEFAULT_LOGIN);
        painel.setPassword(PainelSimulator.DEFAULT_PASSWORD);
        context.getRegistry().bind("trackingStore", JdbcTrackingStore.embeddedH2(data.resolve("tracking")));
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new NotifyRoutes();
    }

    @Test
    void sendsThroughPainel() {
        SendResult result = template.requestBodyAndHeader("direct:notify", "Your order shipped",
                "phone", "(21) 98888-7777", SendResult.class);

        assertEquals(1, result.acceptedCount());
        List<String> received = sandbox.painel().lastRequests();
        assertTrue(received.get(received.size() - 1).contains("21988887777"));
    }
}
