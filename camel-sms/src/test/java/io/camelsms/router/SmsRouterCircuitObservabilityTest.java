package io.camelsms.router;

import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SmsMessage;
import io.camelsms.observability.MicrometerSmsObserver;
import io.camelsms.observability.SmsObservability;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.Fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The router's circuit breaker of each provider account, as the metrics and the sms dev console show it. */
class SmsRouterCircuitObservabilityTest extends RouterTestSupport {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meterRegistry", meters);
        return context;
    }

    private double gauge(String provider, String state) {
        return meters.get(MicrometerSmsObserver.CIRCUIT_STATE).tag("provider", provider).tag("state", state).gauge()
                .value();
    }

    private String consoleState(String provider) {
        return SmsObservability.of(context).stats().accounts().entrySet().stream()
                .filter(e -> e.getKey().provider().equals(provider)).map(e -> e.getValue().circuitBreaker())
                .findFirst().orElseThrow();
    }

    @Test
    void theBreakerStateIsAGaugeAndInTheConsoleFromClosedToOpen() {
        context.getComponent("pwapi", PwapiComponent.class).getConfiguration().setMaxRetries(0);
        String uri = "sms:send?rules=BR: pwapi, painel&circuitBreakerSlidingWindowSize=2"
                     + "&circuitBreakerMinimumNumberOfCalls=2&circuitBreakerFailureRateThreshold=100"
                     + "&circuitBreakerWaitDurationInOpenState=60000";
        template.requestBody(uri, List.of(SmsMessage.to("+5521988887777").text("a").build()));
        assertEquals(1.0, gauge("pwapi", "closed"));
        assertEquals(0.0, gauge("pwapi", "open"));
        assertEquals("closed", consoleState("pwapi"));

        sandbox().pwapi().faults().failNext(2, Fault.code("905"));
        template.requestBody(uri, List.of(SmsMessage.to("+5521988887778").text("b").build()));
        template.requestBody(uri, List.of(SmsMessage.to("+5521988887779").text("c").build()));
        CircuitBreaker breaker = context.getComponent("sms", SmsRouterComponent.class).getCircuitBreakerRegistry()
                .getAllCircuitBreakers().stream().filter(b -> b.getName().startsWith("pwapi@")).findFirst()
                .orElseThrow();
        assertEquals(CircuitBreaker.State.OPEN, breaker.getState());

        assertEquals(0.0, gauge("pwapi", "closed"));
        assertEquals(1.0, gauge("pwapi", "open"));
        assertEquals(0.0, gauge("pwapi", "half_open"));
        assertEquals("open", consoleState("pwapi"));
        assertEquals(breaker.getName().substring("pwapi@".length()),
                meters.get(MicrometerSmsObserver.CIRCUIT_STATE).tag("provider", "pwapi").tag("state", "open")
                        .gauge().getId().getTag("account"), "tagged with the account label, never a credential");
    }
}
