package io.camelsms.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Each component's page in docs/components names every component option, endpoint option and header. */
class ComponentDocsTest {

    @Test
    void everyGeneratedOptionAndHeaderIsDocumented() throws IOException {
        List<Path> metadata;
        try (Stream<Path> files = Files.walk(Path.of("camel-sms/src/generated/resources/META-INF/io/camelsms"))) {
            metadata = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertFalse(metadata.isEmpty());
        List<String> missing = new ArrayList<>();
        for (Path json : metadata) {
            JsonNode component = Json.MAPPER.readTree(json.toFile());
            String scheme = component.get("component").get("scheme").asText();
            Path page = Path.of("docs/components", scheme + ".md");
            if (!Files.exists(page)) {
                missing.add(page + " (no page)");
                continue;
            }
            String doc = Files.readString(page);
            for (String section : List.of("componentProperties", "properties", "headers")) {
                component.path(section).fieldNames().forEachRemaining(name -> {
                    if (!doc.contains("`" + name + "`")) {
                        missing.add(page + ": " + section + " `" + name + "`");
                    }
                });
            }
            for (String heading : List.of("## Options", "## Headers", "## Errors", "## Limits", "```yaml", "```java")) {
                if (!doc.contains(heading)) {
                    missing.add(page + ": " + heading);
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
