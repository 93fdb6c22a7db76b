package io.camelsms.smsclouds;

import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;
import io.camelsms.core.SmsHeaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated metadata is what Camel uses, and a YAML route can use the component. */
class SmscloudsMetadataTest extends SmscloudsTestSupport {

    @Test
    void endpointAndComponentUseTheGeneratedConfigurers() throws Exception {
        PropertyConfigurer endpointConfigurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("smsclouds-endpoint", context);
        assertInstanceOf(SmscloudsEndpointConfigurer.class, endpointConfigurer);
        SmscloudsEndpoint endpoint = context.getEndpoint("smsclouds:sendClic?batchSize=500&route=85&url=4&encoding=unicode"
                                                         + "&lookback=2h", SmscloudsEndpoint.class);
        assertEquals(500, endpoint.getConfiguration().getBatchSize());
        assertEquals(85, endpoint.getConfiguration().getRoute());
        assertEquals("4", endpoint.getConfiguration().getUrl());
        assertEquals(SmscloudsEncoding.unicode, endpoint.getConfiguration().getEncoding());
        assertEquals(7_200_000, endpoint.getConfiguration().getLookback());
        assertEquals(SmscloudsOperation.sendClic, endpoint.getConfiguration().getOperation());
    }

    @Test
    void componentJsonMarksSecretsAndListsTheHeaders() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/camelsms/smsclouds/smsclouds.json")) {
            assertNotNull(in);
            json = Json.MAPPER.readTree(in);
        }
        JsonNode properties = json.get("properties");
        assertTrue(properties.get("token").get("secret").asBoolean());
        assertTrue(properties.get("webhookSecret").get("secret").asBoolean());
        assertEquals(30000, properties.get("batchSize").get("defaultValue").asInt());
        properties.fields().forEachRemaining(p -> assertTrue(p.getValue().hasNonNull("description")
                && !p.getValue().get("description").asText().isBlank(), p.getKey() + " has a description"));
        assertTrue(json.get("headers").has(SmscloudsConstants.ROUTE));
        assertTrue(json.get("headers").has(SmsHeaders.CAMPAIGN_ID));
    }

    @Test
    void aYamlRouteSendsWithOptionsAsParameters() throws Exception {
        String yaml = """
                - route:
                    from:
                      uri: direct:notify
                      steps:
                        - setHeader:
                            name: CamelSmsRecipient
                            simple: "${header.phone}"
                        - to:
                            uri: smsclouds:send
                            parameters:
                              route: 87
                              campaignName: avisos
                """;
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("notify.yaml", yaml));

        template.sendBodyAndHeader("direct:notify", "Tu codigo es 1234", "phone", "449 898 7282");

        JsonNode sent = requestsTo("/api/v3/campaign").get(0).json();
        assertEquals("avisos", sent.get("campaign_name").asText());
        assertEquals("4498987282", sent.at("/recipients/0/cellphone").asText());
    }
}
