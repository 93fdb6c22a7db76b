package io.camelsms.pwapi;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.testing.SandboxExtension;

/** A CamelContext whose pwapi component talks to a sandbox on a free loopback port. */
abstract class PwapiTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    PwapiSimulator pwapi() {
        return SANDBOX.sandbox().pwapi();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        PwapiComponent component = context.getComponent("pwapi", PwapiComponent.class);
        component.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        component.getConfiguration().setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
        component.getConfiguration().setToken(PwapiSimulator.DEFAULT_TOKEN);
        component.getConfiguration().setRetryDelay(10);
        return context;
    }
}
