package io.camelsms.pwapi;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.sandbox.Sandbox;

/** A CamelContext whose pwapi component talks to a sandbox on a free loopback port. */
abstract class PwapiTestSupport extends CamelTestSupport {

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
    }

    PwapiSimulator pwapi() {
        return sandbox.pwapi();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        PwapiComponent component = context.getComponent("pwapi", PwapiComponent.class);
        component.getConfiguration().setBaseUrl(sandbox.baseUrl());
        component.getConfiguration().setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
        component.getConfiguration().setToken(PwapiSimulator.DEFAULT_TOKEN);
        component.getConfiguration().setRetryDelay(10);
        return context;
    }
}
