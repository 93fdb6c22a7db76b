package io.camelsms.guide;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.camelsms.core.SendResult;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.tracking.TrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The YAML and XML routes and the application.properties of docs/use-in-your-app.md, run with camel-main as a user's
 * app runs them, against the sandbox. The sandbox's account stands in for the environment variables.
 */
class GuideRoutesTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TempDir
    Path data;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    private CamelContext start(String routes) {
        return start(routes, Map.of(
                "camel.component.painel.base-url", SANDBOX.sandbox().baseUrl(),
                "camel.component.painel.login", PainelSimulator.DEFAULT_LOGIN,
                "camel.component.painel.password", PainelSimulator.DEFAULT_PASSWORD));
    }

    private CamelContext start(String routes, Map<String, String> properties) {
        main = new Main();
        main.setPropertyPlaceholderLocations("classpath:guide/application.properties");
        main.addInitialProperty("camel.main.routes-include-pattern", routes);
        main.addOverrideProperty("tracking.dir", data.resolve("tracking").toString());
        properties.forEach(main::addInitialProperty);
        main.start();
        return main.getCamelContext();
    }

    @ParameterizedTest
    @ValueSource(strings = {"classpath:guide/notify.yaml", "classpath:guide/notify.xml"})
    void theRouteSendsThroughPainel(String routes) {
        CamelContext context = start(routes);
        ProducerTemplate template = context.createProducerTemplate();

        SendResult result = template.requestBodyAndHeader("direct:notify", "Your order shipped",
                "phone", "(21) 98888-7777", SendResult.class);

        assertEquals(1, result.acceptedCount(), result.toString());
        assertInstanceOf(TrackingStore.class, context.getRegistry().lookupByName("trackingStore"));
        List<String> received = SANDBOX.sandbox().painel().lastRequests();
        assertTrue(received.get(received.size() - 1).contains("21988887777"), received.toString());
    }

    @Test
    void theJsonRouteSendsAJsonArray() {
        CamelContext context = start("classpath:guide/notify.yaml");

        SendResult result = context.createProducerTemplate().requestBody("direct:notify-json",
                "[{\"phone\": \"21988887777\", \"text\": \"Hi Ana\", \"externalId\": \"order-1\"},"
                + " {\"phone\": \"21988887778\", \"text\": \"Hi Bia\", \"externalId\": \"order-2\"}]",
                SendResult.class);

        assertEquals(2, result.acceptedCount(), result.toString());
    }

    @Test
    void theKameletRouteSendsThroughPainel() {
        // the Kamelet's own baseUrl property, set for every use of painel-sink as camel-kamelet allows
        CamelContext context = start("classpath:guide/kamelet.yaml", Map.of(
                "painel.login", PainelSimulator.DEFAULT_LOGIN, "painel.password", PainelSimulator.DEFAULT_PASSWORD,
                "camel.kamelet.painel-sink.baseUrl", SANDBOX.sandbox().baseUrl()));

        SendResult result = context.createProducerTemplate().requestBodyAndHeader("direct:notify",
                "Your order shipped", "CamelSmsRecipient", "(21) 98888-7777", SendResult.class);

        assertEquals(1, result.acceptedCount(), result.toString());
    }
}
