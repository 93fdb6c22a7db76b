package io.camelsms.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file in routes/ loads with the app's properties, so a broken sample cannot land; the demo sends. */
class RoutesDirectoryTest extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        PwapiComponent pwapi = context.getComponent("pwapi", PwapiComponent.class);
        pwapi.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        pwapi.getConfiguration().setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
        pwapi.getConfiguration().setToken(PwapiSimulator.DEFAULT_TOKEN);
        pwapi.getConfiguration().setDefaultRegion("BR");
        return context;
    }

    @Test
    void everyRouteFileLoadsAndTheDemoSendsThroughTheSandbox() throws Exception {
        List<Path> files;
        try (var listing = Files.list(Path.of("routes"))) {
            files = listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".xml")).sorted()
                    .toList();
        }
        assertFalse(files.isEmpty());
        NotifyBuilder demoDone = new NotifyBuilder(context).fromRoute("pwapi-demo").whenCompleted(1).create();
        for (Path file : files) {
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.fromString(file.getFileName().toString(), Files.readString(file)));
        }

        assertTrue(demoDone.matches(20, TimeUnit.SECONDS), "the demo route completed");
        assertEquals(2, SANDBOX.sandbox().pwapi().acceptedCount(), "two good recipients sent, the bad one reported");
    }
}
