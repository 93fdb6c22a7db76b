package io.camelsms.observability;

import java.util.List;
import java.util.concurrent.Callable;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.PwapiSimulator;

/**
 * Loaded by {@link WithoutMicrometerTest} in a class loader without Micrometer: a pwapi send to the sandbox, and what
 * the context's observability made of it.
 */
public final class SendWithoutMicrometer implements Callable<String> {

    private final String sandboxUrl;

    public SendWithoutMicrometer(String sandboxUrl) {
        this.sandboxUrl = sandboxUrl;
    }

    @Override
    public String call() throws Exception {
        boolean micrometer;
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            micrometer = true;
        } catch (ClassNotFoundException e) {
            micrometer = false;
        }
        try (CamelContext context = new DefaultCamelContext(false)) {
            context.setApplicationContextClassLoader(getClass().getClassLoader()); // not the test runner's
            context.build();
            PwapiComponent pwapi = context.getComponent("pwapi", PwapiComponent.class);
            pwapi.getConfiguration().setBaseUrl(sandboxUrl);
            pwapi.getConfiguration().setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
            pwapi.getConfiguration().setToken(PwapiSimulator.DEFAULT_TOKEN);
            context.start();
            SendResult sent = context.createProducerTemplate().requestBody("pwapi:send", List.of(
                    SmsMessage.to("+55 31 99999-0001").text("Oi").build(),
                    SmsMessage.to("not a number").text("Oi").build()), SendResult.class);
            SmsObservability observability = SmsObservability.of(context);
            SmsStats.AccountStats stats = observability.stats().accounts().values().iterator().next();
            return "micrometer on the classpath: " + micrometer + "; metrics: " + observability.recordsMetrics()
                   + "; accepted " + sent.acceptedCount() + ", rejected " + sent.rejectedCount()
                   + "; console: accepted " + stats.accepted() + ", rejected " + stats.rejected();
        }
    }
}
