package io.camelsms.smsclouds;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.junit5.CamelTestSupport;

import io.camelsms.core.SmsValidationException;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.testing.SandboxExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A CamelContext whose smsclouds component talks to a sandbox on a free loopback port. */
abstract class SmscloudsTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    SmsCloudsSimulator smsclouds() {
        return SANDBOX.sandbox().smsclouds();
    }

    /** The sandbox's requests to {@code path}, oldest first. */
    List<SmsCloudsSimulator.Request> requestsTo(String path) {
        return smsclouds().requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        configure(context.getComponent("smsclouds", SmscloudsComponent.class));
        return context;
    }

    static void configure(SmscloudsComponent component) {
        component.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        component.getConfiguration().setToken(SmsCloudsSimulator.DEFAULT_TOKEN);
        component.getConfiguration().setRetryDelay(10);
        component.getConfiguration().setDefaultRegion("MX");
    }

    <T extends Throwable> T failure(Class<T> type, String uri, Object body) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(uri, body));
        return assertInstanceOf(type, e.getCause());
    }

    SmsValidationException validationFailure(String uri, Object body) {
        return failure(SmsValidationException.class, uri, body);
    }
}
