package io.camelsms.webcom;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code webcom:} component: the Webcom Mobi A2P platform's JSON API. Its credential options (login, password,
 * token) are names Camel treats as sensitive already.
 */
@Component("webcom")
public class WebcomComponent extends HealthCheckComponent {

    @Metadata(description = "Defaults for every webcom endpoint (login, password, token, sender, baseUrl, ...).")
    private WebcomConfiguration configuration = new WebcomConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        WebcomConfiguration endpointConfiguration = configuration.copy();
        WebcomEndpoint endpoint = new WebcomEndpoint(uri, this, endpointConfiguration);
        endpointConfiguration.setOperation(getCamelContext().getTypeConverter()
                .mandatoryConvertTo(WebcomOperation.class, remaining));
        setProperties(endpoint, parameters);
        endpointConfiguration.bindTo(getCamelContext());
        return endpoint;
    }

    public WebcomConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(WebcomConfiguration configuration) {
        this.configuration = configuration;
    }
}
