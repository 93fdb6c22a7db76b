package io.camelsms.webcom;

import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build's generated metadata is what Camel uses, and it marks every credential secret. */
class WebcomMetadataTest extends WebcomTestSupport {

    @Test
    void theGeneratedConfigurersAreUsed() {
        assertInstanceOf(WebcomEndpointConfigurer.class, PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer("webcom-endpoint", context));
        WebcomEndpoint endpoint = context.getEndpoint("webcom:status?detail=true&timeZone=UTC&batchSize=5",
                WebcomEndpoint.class);
        assertEquals(WebcomOperation.status, endpoint.getConfiguration().getOperation());
        assertTrue(endpoint.getConfiguration().isDetail());
        assertEquals("UTC", endpoint.getConfiguration().getTimeZone());
        assertEquals(5, endpoint.getConfiguration().getBatchSize());
    }

    @Test
    void credentialsAreSecretInTheComponentJson() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/camelsms/webcom/webcom.json")) {
            assertNotNull(in);
            json = Json.MAPPER.readTree(in);
        }
        for (String option : new String[] {"login", "password", "token", "webhookSecret"}) {
            assertTrue(json.get("properties").get(option).get("secret").asBoolean(), option);
            assertTrue(json.get("componentProperties").get(option).get("secret").asBoolean(), option);
        }
        json.get("properties").fields().forEachRemaining(p -> assertTrue(
                !p.getValue().path("description").asText().isBlank(), p.getKey() + " has a description"));
    }
}
