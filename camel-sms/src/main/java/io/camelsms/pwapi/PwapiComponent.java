package io.camelsms.pwapi;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/** The {@code pwapi:} component: PW-API SMS-MT 4.0. */
@Component("pwapi")
public class PwapiComponent extends HealthCheckComponent {

    @Metadata(description = "Defaults for every pwapi endpoint (credential, token, baseUrl, ...).")
    private PwapiConfiguration configuration = new PwapiConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PwapiConfiguration endpointConfiguration = configuration.copy();
        PwapiEndpoint endpoint = new PwapiEndpoint(uri, this, endpointConfiguration);
        endpointConfiguration.setOperation(getCamelContext().getTypeConverter()
                .mandatoryConvertTo(PwapiOperation.class, remaining));
        setProperties(endpoint, parameters);
        endpointConfiguration.bindTo(getCamelContext());
        return endpoint;
    }

    public PwapiConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PwapiConfiguration configuration) {
        this.configuration = configuration;
    }
}
