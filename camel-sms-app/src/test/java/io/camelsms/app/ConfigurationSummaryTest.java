package io.camelsms.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

import io.camelsms.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** camel-main's startup summary lists every configured option and masks every credential of every component. */
class ConfigurationSummaryTest {

    @Test
    void credentialsAreMaskedInTheStartupSummary() throws Exception {
        List<String> secrets = List.of("PW-CRED-31", "PW-TOK-32", "WC-PASS-33", "WC-TOK-34", "PA-PASS-35",
                "SW-KEY-36", "SC-TOK-37", "HOOK-38");
        // as users set them: -D system properties (or environment variables), restored afterwards
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.component.pwapi.credential", secrets.get(0));
        properties.put("camel.component.pwapi.token", secrets.get(1));
        properties.put("camel.component.webcom.password", secrets.get(2));
        properties.put("camel.component.webcom.token", secrets.get(3));
        properties.put("camel.component.painel.password", secrets.get(4));
        properties.put("camel.component.smsway.tokenapi", secrets.get(5));
        properties.put("camel.component.smsclouds.token", secrets.get(6));
        properties.put("camel.component.smsclouds.webhook-secret", secrets.get(7));
        properties.forEach(System::setProperty);
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        List<String> lines;
        try (LogCapture logs = LogCapture.everything()) {
            // at DEBUG camel-main lists every property raw, even the ones Camel itself deems secret (password,
            // token): that is Camel's own debug output; what users see is its INFO summary, checked here
            Configurator.setLevel("org.apache.camel.main", Level.INFO);
            main.start();
            main.stop();
            lines = logs.lines();
        } finally {
            Configurator.setLevel("org.apache.camel.main", Level.INFO);
            properties.keySet().forEach(System::clearProperty);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("camel.component.pwapi.credential = xxxxxx")),
                () -> "the summary lists the option, masked: " + lines.stream().filter(l -> l.contains("camel.component"))
                        .toList());
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "secret in the log: " + line);
            }
        }
    }
}
