package io.camelsms.pwapi;

import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build's generated metadata is what Camel uses, not its reflection fallback. */
class PwapiMetadataTest extends PwapiTestSupport {

    @Test
    void endpointAndComponentUseTheGeneratedConfigurers() throws Exception {
        PropertyConfigurer endpointConfigurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("pwapi-endpoint", context);
        PropertyConfigurer componentConfigurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("pwapi-component", context);
        assertInstanceOf(PwapiEndpointConfigurer.class, endpointConfigurer);
        assertInstanceOf(PwapiComponentConfigurer.class, componentConfigurer);

        PwapiEndpoint endpoint = context.getEndpoint("pwapi:send?batchSize=500&retryDelay=2s&sendProject=S",
                PwapiEndpoint.class);
        assertInstanceOf(PwapiEndpointConfigurer.class, endpoint.getComponent().getEndpointPropertyConfigurer());
        assertEquals(500, endpoint.getConfiguration().getBatchSize());
        assertEquals(2000, endpoint.getConfiguration().getRetryDelay());
        assertEquals("S", endpoint.getConfiguration().getSendProject());
        assertEquals(PwapiOperation.send, endpoint.getConfiguration().getOperation());
    }

    @Test
    void componentJsonDocumentsEveryOptionWithSecretsMarked() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/camelsms/pwapi/pwapi.json")) {
            assertNotNull(in, "generated component JSON on the classpath");
            json = Json.MAPPER.readTree(in);
        }
        JsonNode properties = json.get("properties");
        assertTrue(properties.get("credential").get("secret").asBoolean());
        assertTrue(properties.get("token").get("secret").asBoolean());
        assertEquals(20000, properties.get("batchSize").get("defaultValue").asInt());
        properties.fields().forEachRemaining(p -> assertTrue(p.getValue().hasNonNull("description")
                && !p.getValue().get("description").asText().isBlank(), p.getKey() + " has a description"));
        assertTrue(json.get("headers").has("CamelSmsRecipient"));
        assertTrue(json.get("componentProperties").has("credential"),
                "settable as camel.component.pwapi.credential");
    }
}
