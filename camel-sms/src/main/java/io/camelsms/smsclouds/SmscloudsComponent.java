package io.camelsms.smsclouds;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/** The {@code smsclouds:} component: Smsclouds API V3 (Max4Systems / masmensajes). */
@Component("smsclouds")
public class SmscloudsComponent extends HealthCheckComponent {

    @Metadata(description = "Defaults for every smsclouds endpoint (token, baseUrl, route, ...).")
    private SmscloudsConfiguration configuration = new SmscloudsConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmscloudsConfiguration endpointConfiguration = configuration.copy();
        SmscloudsEndpoint endpoint = new SmscloudsEndpoint(uri, this, endpointConfiguration);
        endpointConfiguration.setOperation(getCamelContext().getTypeConverter()
                .mandatoryConvertTo(SmscloudsOperation.class, remaining));
        setProperties(endpoint, parameters);
        endpointConfiguration.bindTo(getCamelContext());
        return endpoint;
    }

    public SmscloudsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmscloudsConfiguration configuration) {
        this.configuration = configuration;
    }
}
