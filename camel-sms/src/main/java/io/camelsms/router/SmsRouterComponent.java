package io.camelsms.router;

import java.util.Locale;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import io.camelsms.observability.SmsObservability;

/**
 * The {@code sms:} component: one endpoint for every provider, routing each number by its country or prefix to the
 * provider components the rules name, with failover and a circuit breaker per provider account.
 */
@Component("sms")
public class SmsRouterComponent extends DefaultComponent {

    @Metadata(description = "Defaults for every sms endpoint (rules, defaultRegion, circuit breaker options).")
    private SmsRouterConfiguration configuration = new SmsRouterConfiguration();
    /** One breaker per provider account, shared by every sms endpoint of the context. */
    private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmsRouterConfiguration endpointConfiguration = configuration.copy();
        SmsRouterEndpoint endpoint = new SmsRouterEndpoint(uri, this, endpointConfiguration);
        endpointConfiguration.setOperation(getCamelContext().getTypeConverter()
                .mandatoryConvertTo(SmsRouterOperation.class, remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The breaker of a provider account ({@code painel@sha256:...}), created with {@code configuration}'s options by
     * the first endpoint that sends through it; later endpoints share it.
     */
    CircuitBreaker circuitBreaker(String provider, String account, SmsRouterConfiguration configuration) {
        CircuitBreaker breaker = circuitBreakers.circuitBreaker(breakerName(provider, account),
                configuration.circuitBreakerConfig());
        // its state in the sms dev console and, with Micrometer, the sms.router.circuit.state gauges
        SmsObservability.forAccount(getCamelContext(), provider, account)
                .circuitBreaker(() -> breaker.getState().name().toLowerCase(Locale.ROOT));
        return breaker;
    }

    static String breakerName(String provider, String account) {
        return provider + "@" + account;
    }

    /** Every breaker by its name {@code <provider>@<tracking account label>}, e.g. for metrics and health checks. */
    public CircuitBreakerRegistry getCircuitBreakerRegistry() {
        return circuitBreakers;
    }

    public SmsRouterConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmsRouterConfiguration configuration) {
        this.configuration = configuration;
    }
}
