package io.camelsms.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docs/components/sms.md: its application.properties, YAML routes and Java route run here with camel-main against
 * the sandbox, and every code block of the page appears in these sources.
 */
class SmsRouterGuideTest {

    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private Main main;

    /** The Java example of the page. */
    static class OrdersRoute extends RouteBuilder {
        @Override
        public void configure() {
            from("direct:orders")
                    .to("sms:send?rules=BR: painel, pwapi; MX: smsclouds; default: reject")
                    .log("${header.CamelSmsAcceptedCount} accepted");
        }
    }

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    private CamelContext start() {
        main = new Main();
        main.setPropertyPlaceholderLocations("classpath:router/application.properties");
        main.addInitialProperty("camel.main.routes-include-pattern", "classpath:router/notify-by-country.yaml");
        main.configure().addRoutesBuilder(new OrdersRoute());
        String baseUrl = SANDBOX.sandbox().baseUrl();
        Map.of("camel.component.painel.base-url", baseUrl,
                "camel.component.painel.login", PainelSimulator.DEFAULT_LOGIN,
                "camel.component.painel.password", PainelSimulator.DEFAULT_PASSWORD,
                "camel.component.pwapi.base-url", baseUrl,
                "camel.component.pwapi.credential", PwapiSimulator.DEFAULT_CREDENTIAL,
                "camel.component.pwapi.token", PwapiSimulator.DEFAULT_TOKEN,
                "camel.component.smsclouds.base-url", baseUrl,
                "camel.component.smsclouds.token", SmsCloudsSimulator.DEFAULT_TOKEN,
                "camel.component.smsway.base-url", baseUrl,
                "camel.component.smsway.tokenapi", SmsWaySimulator.DEFAULT_TOKENAPI)
                .forEach(main::addInitialProperty);
        main.addInitialProperty("camel.component.webcom.base-url", baseUrl);
        main.addInitialProperty("camel.component.webcom.login", WebcomSimulator.DEFAULT_LOGIN);
        main.addInitialProperty("camel.component.webcom.password", WebcomSimulator.DEFAULT_PASSWORD);
        main.start();
        return main.getCamelContext();
    }

    @Test
    void thePagesPropertiesAndYamlRouteSendEachCountryToItsProvider() {
        CamelContext context = start();

        SendResult result = context.createProducerTemplate().requestBody("direct:notify", List.of(
                SmsMessage.to("+5521988887777").text("Olá").build(),
                SmsMessage.to("+525512345678").text("Hola").build(),
                SmsMessage.to("+393331234567").text("Ciao").build(),
                SmsMessage.to("+79612242243").text("Privet").build(),
                SmsMessage.to("+33612345678").text("Salut").build()), SendResult.class);

        assertEquals(java.util.Arrays.asList("painel", "smsclouds", "smsway", "webcom", null),
                result.recipients().stream().map(RecipientResult::provider).toList());
        assertEquals(4, result.acceptedCount(), result.toString());
    }

    @Test
    void theForcingRouteAndTheJavaRouteSend() {
        CamelContext context = start();

        SendResult forced = context.createProducerTemplate().requestBody("direct:notify-pwapi",
                SmsMessage.to("+5521988887777").text("Olá").build(), SendResult.class);
        SendResult orders = context.createProducerTemplate().requestBody("direct:orders",
                SmsMessage.to("+525512345678").text("Hola").build(), SendResult.class);

        assertEquals("pwapi", forced.recipients().get(0).provider());
        assertEquals(1, SANDBOX.sandbox().pwapi().acceptedCount());
        assertEquals("smsclouds", orders.recipients().get(0).provider());
        assertEquals(1, orders.acceptedCount());
    }

    @Test
    void everyCodeBlockOfThePageIsTestedCode() throws IOException {
        String page = Files.readString(Path.of("docs/components/sms.md"));
        StringBuilder tested = new StringBuilder();
        for (Path folder : List.of(Path.of("camel-sms/src/test/java/io/camelsms/router"),
                Path.of("camel-sms/src/test/resources/router"))) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    tested.append(normalised(Files.readString(file))).append('\n');
                }
            }
        }
        List<String> untested = new ArrayList<>();
        Matcher block = BLOCK.matcher(page);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            if (!tested.toString().contains(normalised(block.group(2)))) {
                untested.add(block.group(1) + " block starting " + block.group(2).lines().findFirst().orElse(""));
            }
        }
        assertFalse(blocks < 3, "the page lost its examples: " + blocks + " code blocks");
        assertEquals(List.of(), untested);
    }

    private static String normalised(String code) {
        return code.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
