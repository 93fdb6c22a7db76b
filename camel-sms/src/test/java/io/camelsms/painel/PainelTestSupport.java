package io.camelsms.painel;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.testing.SandboxExtension;

/**
 * A CamelContext whose painel component talks to a sandbox on a free loopback port, with the sandbox's clock as
 * the once-a-minute guard's clock: a test moves time with {@code SANDBOX.sandbox().clock().advance(...)}, never waits.
 */
abstract class PainelTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @BeforeEach
    void clearRateLimits() {
        PainelRateLimiter.SHARED.clear();
    }

    PainelSimulator painel() {
        return SANDBOX.sandbox().painel();
    }

    /** The query string of the last request the sandbox received. */
    String lastQuery() {
        List<String> requests = painel().lastRequests();
        return requests.get(requests.size() - 1);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        toSandbox(context.getComponent("painel", PainelComponent.class));
        return context;
    }

    /** The sandbox's URL and account on a painel component, its clock as the once-a-minute guard's clock. */
    static void toSandbox(PainelComponent component) {
        component.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        component.getConfiguration().setLogin(PainelSimulator.DEFAULT_LOGIN);
        component.getConfiguration().setPassword(PainelSimulator.DEFAULT_PASSWORD);
        component.getConfiguration().setDefaultRegion("BR");
        component.getConfiguration().setRetryDelay(10);
        component.clock(SANDBOX.sandbox().clock());
    }
}
