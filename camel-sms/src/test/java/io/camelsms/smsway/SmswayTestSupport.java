package io.camelsms.smsway;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.junit5.CamelTestSupport;

import io.camelsms.core.Json;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.testing.SandboxExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A CamelContext whose smsway component talks to a sandbox on a free loopback port. */
abstract class SmswayTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    SmsWaySimulator smsway() {
        return SANDBOX.sandbox().smsway();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SmswayConfiguration configuration = context.getComponent("smsway", SmswayComponent.class).getConfiguration();
        configuration.setBaseUrl(SANDBOX.sandbox().baseUrl());
        configuration.setTokenapi(SmsWaySimulator.DEFAULT_TOKENAPI);
        configuration.setRetryDelay(10);
        return context;
    }

    /**
     * A fresh account key on the sandbox: quota history is per key in the JVM, so a test that counts quota uses
     * its own.
     */
    String freshAccount() {
        String key = "key-" + UUID.randomUUID();
        smsway().account(key);
        return key;
    }

    static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    <T extends Throwable> T failure(Class<T> type, String uri, Object body) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(uri, body));
        return assertInstanceOf(type, e.getCause());
    }

    List<SmsWaySimulator.Request> requests() {
        return smsway().lastRequests();
    }
}
