package io.camelsms.webcom;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.camelsms.sandbox.Sandbox;
import io.camelsms.sandbox.WebcomSimulator;

/** A CamelContext whose webcom component talks to a sandbox on a free loopback port, with login and password. */
abstract class WebcomTestSupport extends CamelTestSupport {

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

    WebcomSimulator webcom() {
        return sandbox.webcom();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        WebcomConfiguration configuration = context.getComponent("webcom", WebcomComponent.class).getConfiguration();
        configuration.setBaseUrl(sandbox.baseUrl());
        configuration.setLogin(WebcomSimulator.DEFAULT_LOGIN);
        configuration.setPassword(WebcomSimulator.DEFAULT_PASSWORD);
        configuration.setRetryDelay(10);
        return context;
    }
}
