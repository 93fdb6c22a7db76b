package io.camelsms.webcom;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;

import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.testing.SandboxExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A CamelContext whose webcom component talks to a sandbox on a free loopback port, with login and password. */
abstract class WebcomTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    WebcomSimulator webcom() {
        return SANDBOX.sandbox().webcom();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        WebcomConfiguration configuration = context.getComponent("webcom", WebcomComponent.class).getConfiguration();
        configuration.setBaseUrl(SANDBOX.sandbox().baseUrl());
        configuration.setLogin(WebcomSimulator.DEFAULT_LOGIN);
        configuration.setPassword(WebcomSimulator.DEFAULT_PASSWORD);
        configuration.setRetryDelay(10);
        return context;
    }
}
