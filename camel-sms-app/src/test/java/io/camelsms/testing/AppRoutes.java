package io.camelsms.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** The app's routes as camel-main loads them: every YAML and XML file in routes/. */
public final class AppRoutes {

    private AppRoutes() {
    }

    public static void loadAll(CamelContext context) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".xml"))
                    .sorted().toList()) {
                PluginHelper.getRoutesLoader(context).loadRoutes(
                        ResourceHelper.fromString(file.getFileName().toString(), Files.readString(file)));
            }
        }
    }
}
