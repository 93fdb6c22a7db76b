package io.camelsms.painel;

import java.time.Clock;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/** The {@code painel:} component: the "Painel" SMS platform's API ({@code /painel/api.ashx}). */
@Component("painel")
public class PainelComponent extends HealthCheckComponent {


    @Metadata(description = "Defaults for every painel endpoint (login, password, baseUrl, ...).")
    private PainelConfiguration configuration = new PainelConfiguration();
    /** The once-a-minute guard's clock; tests swap it so they never wait a real minute. */
    private Clock clock = Clock.systemUTC();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PainelConfiguration endpointConfiguration = configuration.copy();
        PainelEndpoint endpoint = new PainelEndpoint(uri, this, endpointConfiguration);
        endpointConfiguration.setOperation(getCamelContext().getTypeConverter()
                .mandatoryConvertTo(PainelOperation.class, remaining));
        setProperties(endpoint, parameters);
        endpointConfiguration.bindTo(getCamelContext());
        return endpoint;
    }

    public PainelConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PainelConfiguration configuration) {
        this.configuration = configuration;
    }

    Clock clock() {
        return clock;
    }

    void clock(Clock clock) {
        this.clock = clock;
    }
}
