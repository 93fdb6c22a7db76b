package io.camelsms.painel;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.Sandbox;

/**
 * A CamelContext whose painel component talks to a sandbox on a free loopback port, with the sandbox's clock as
 * the once-a-minute guard's clock: a test moves time with {@code sandbox.clock().advance(...)}, never waits.
 */
abstract class PainelTestSupport extends CamelTestSupport {

    static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void resetSandbox() {
        sandbox.reset();
        PainelRateLimiter.SHARED.clear();
    }

    PainelSimulator painel() {
        return sandbox.painel();
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
        component.getConfiguration().setBaseUrl(sandbox.baseUrl());
        component.getConfiguration().setLogin(PainelSimulator.DEFAULT_LOGIN);
        component.getConfiguration().setPassword(PainelSimulator.DEFAULT_PASSWORD);
        component.getConfiguration().setDefaultRegion("BR");
        component.getConfiguration().setRetryDelay(10);
        component.clock(sandbox.clock());
    }
}
