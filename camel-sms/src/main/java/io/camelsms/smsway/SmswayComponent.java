package io.camelsms.smsway;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/** The {@code smsway:} component: the SmsWay remote API. */
@Component("smsway")
public class SmswayComponent extends HealthCheckComponent {

    @Metadata(description = "Defaults for every smsway endpoint (tokenapi, quotas, baseUrl, ...).")
    private SmswayConfiguration configuration = new SmswayConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SmswayConfiguration endpointConfiguration = configuration.copy();
        SmswayEndpoint endpoint = new SmswayEndpoint(uri, this, endpointConfiguration);
        endpointConfiguration.setOperation(getCamelContext().getTypeConverter()
                .mandatoryConvertTo(SmswayOperation.class, remaining));
        setProperties(endpoint, parameters);
        endpointConfiguration.bindTo(getCamelContext());
        return endpoint;
    }

    public SmswayConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(SmswayConfiguration configuration) {
        this.configuration = configuration;
    }
}
