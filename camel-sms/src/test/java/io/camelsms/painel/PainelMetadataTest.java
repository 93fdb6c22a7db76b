package io.camelsms.painel;

import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated metadata is what Camel uses; credentials are marked secret; bad options fail at start. */
class PainelMetadataTest extends PainelTestSupport {

    @Test
    void endpointsUseTheGeneratedConfigurers() {
        PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("painel-endpoint", context);
        assertInstanceOf(PainelEndpointConfigurer.class, configurer);
        PainelEndpoint endpoint = context.getEndpoint("painel:status?rateLimitMaxWait=5s&maxUrlLength=2048",
                PainelEndpoint.class);
        assertEquals(5000, endpoint.getConfiguration().getRateLimitMaxWait());
        assertEquals(2048, endpoint.getConfiguration().getMaxUrlLength());
        assertEquals(PainelOperation.status, endpoint.getConfiguration().getOperation());
    }

    @Test
    void componentJsonMarksCredentialsSecret() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/camelsms/painel/painel.json")) {
            assertNotNull(in);
            json = Json.MAPPER.readTree(in);
        }
        JsonNode properties = json.get("properties");
        assertTrue(properties.get("login").get("secret").asBoolean());
        assertTrue(properties.get("password").get("secret").asBoolean());
        assertTrue(properties.get("webhookSecret").get("secret").asBoolean());
        assertEquals(8000, properties.get("maxUrlLength").get("defaultValue").asInt());
        assertTrue(json.get("headers").has(PainelConstants.SCHEDULE_AT));
        assertTrue(json.get("componentProperties").has("configuration"));
    }

    @Test
    void sendWithoutDefaultRegionOrWithAnOutOfRangeWaitFailsAtStart() {
        Exception noRegion = assertThrows(Exception.class,
                () -> template.requestBody("painel:send?defaultRegion=", "x"));
        assertTrue(String.valueOf(noRegion.getCause().getMessage()).contains("defaultRegion"), noRegion::toString);
        assertThrows(Exception.class, () -> template.requestBody("painel:status?rateLimitMaxWait=61000", "1"));
        assertThrows(Exception.class, () -> template.requestBody("painel:send?baseUrl=ftp://x", "x"));
    }
}
