package io.camelsms.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ComponentNameResolver;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Camel's tooling (catalog, JBang, the component list of a running context) reads about this jar. */
class CatalogTest {

    private static final List<String> SCHEMES = List.of("painel", "pwapi", "sms", "smsclouds", "smsway", "webcom");

    @Test
    void theJarListsItsSchemesAsCamelComponentJarsDo() throws IOException {
        Properties descriptor = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/org/apache/camel/component.properties")) {
            assertNotNull(in, "no component.properties");
            descriptor.load(in);
        }
        assertEquals(String.join(" ", SCHEMES), descriptor.getProperty("components"));
        assertEquals("io.camelsms", descriptor.getProperty("groupId"));
        assertFalse(descriptor.getProperty("version").contains("${"), "the version is filled in by the build");

        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Set<String> found = context.getCamelContextExtension().getContextPlugin(ComponentNameResolver.class)
                    .resolveNames(context);
            assertTrue(found.containsAll(SCHEMES), "Camel's component discovery found " + found);
        }
    }

    @Test
    void componentDescriptionsCarryNoJavadocMarkup() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("camel-sms/src/generated/resources/META-INF/io/camelsms"))) {
            for (Path json : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String description = Json.MAPPER.readTree(json.toFile()).get("component").get("description").asText();
                assertFalse(description.matches(".*(\\{@?code|\\{@?link|<[a-z]+>).*"), json + ": " + description);
            }
        }
    }
}
