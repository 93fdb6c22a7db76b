package com.example;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.SendResult;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.Sandbox;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.webcom.WebcomComponent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Camel user gets from adding io.camelsms:camel-sms to a camel-main project: it starts without a routes
 * folder, configures nothing of its own, logs through the user's binding, and sends and tracks through the sandbox.
 */
class UserAppTest {

    private Sandbox sandbox;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void theLibraryBringsNoConfigurationAndNoLoggingBinding() {
        ClassLoader loader = getClass().getClassLoader();
        assertNull(loader.getResource("application.properties"), "no camel-main configuration from the library");
        assertNull(loader.getResource("camel-sms-app-log4j2.properties"), "no logging configuration from the library");
        assertEquals("org.slf4j.simple.SimpleLoggerFactory", LoggerFactory.getILoggerFactory().getClass().getName(),
                "the user's own logging binding is the one in use");
        String classpath = System.getProperty("java.class.path");
        for (String appOnly : List.of("log4j-core", "log4j-slf4j2-impl", "vertx", "netty", "camel-yaml-dsl",
                "camel-xml-io-dsl", "quartz", "camel-platform-http", "c3p0", "commons-csv")) {
            assertFalse(classpath.contains(appOnly), appOnly + " reached the user's classpath: " + classpath);
        }
    }

    @Test
    void startsSendsAndReceivesADeliveryReport() throws Exception {
        sandbox = Sandbox.start(0);
        sandbox.autopilot(Duration.ofMillis(100), Duration.ofMinutes(1));
        Path store = Files.createTempDirectory("user-app-tracking");
        List<DeliveryReport> reports = new CopyOnWriteArrayList<>();

        main = new Main();
        main.bind("trackingStore", JdbcTrackingStore.embeddedH2(store));
        main.addInitialProperty("camel.component.painel.base-url", sandbox.baseUrl());
        main.addInitialProperty("camel.component.painel.login", PainelSimulator.DEFAULT_LOGIN);
        main.addInitialProperty("camel.component.painel.password", PainelSimulator.DEFAULT_PASSWORD);
        main.addInitialProperty("camel.component.painel.default-region", "BR");
        main.addInitialProperty("camel.component.webcom.base-url", sandbox.baseUrl());
        main.addInitialProperty("camel.component.webcom.login", WebcomSimulator.DEFAULT_LOGIN);
        main.addInitialProperty("camel.component.webcom.password", WebcomSimulator.DEFAULT_PASSWORD);
        main.addInitialProperty("camel.component.webcom.sender", "CamelSMS");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:painel").to("painel:send");
                from("direct:webcom").to("webcom:send");
                from("webcom:dlr?dlrMode=poll&delay=200").process(e -> reports.add(
                        e.getMessage().getBody(DeliveryReport.class)));
            }
        });
        main.start();
        CamelContext context = main.getCamelContext();
        assertNull(context.getComponent("webcom", WebcomComponent.class).getConfiguration().getDefaultRegion(),
                "no default region the user did not set");

        ProducerTemplate template = context.createProducerTemplate();
        SendResult painel = template.requestBodyAndHeader("direct:painel", "Hello from the user's app",
                "CamelSmsRecipient", "+5521988887777", SendResult.class);
        SendResult webcom = template.requestBodyAndHeader("direct:webcom", "Privet",
                "CamelSmsRecipient", "+79161234567", SendResult.class);
        assertEquals(1, painel.acceptedCount(), painel.toString());
        assertEquals(1, webcom.acceptedCount(), webcom.toString());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (reports.stream().noneMatch(r -> r.status().isFinal()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(reports.stream().anyMatch(r -> r.status().isFinal()), "a final delivery report: " + reports);
    }
}
