package io.camelsms.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the app's webhook secret comes from: the property, else the data folder's file, generated once. */
class AppWebhookSecretTest {

    @TempDir
    Path data;

    private static PropertiesComponent properties(Properties values) {
        PropertiesComponent properties = new DefaultCamelContext().getPropertiesComponent();
        properties.setInitialProperties(values);
        return properties;
    }

    @Test
    void aConfiguredSecretWinsAndNoFileIsWritten() {
        Properties values = new Properties();
        values.setProperty("sms.webhook.secret", " from-env-or-property ");
        assertEquals("from-env-or-property", AppWebhookSecret.resolve(properties(values), data));
        assertFalse(Files.exists(data.resolve(AppWebhookSecret.FILE_NAME)));
    }

    @Test
    void withoutOneAStrongSecretIsGeneratedOnceIntoAnOwnerOnlyFile() throws Exception {
        String first = AppWebhookSecret.resolve(properties(new Properties()), data);
        String again = AppWebhookSecret.resolve(properties(new Properties()), data);
        assertEquals(first, again, "kept across restarts");
        assertTrue(first.matches("[A-Za-z0-9_-]{43}"), "256 random bits, URL-safe: " + first.length());
        Path file = data.resolve(AppWebhookSecret.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path other = Files.createDirectories(data.resolve("other"));
        assertNotEquals(first, AppWebhookSecret.resolve(properties(new Properties()), other), "random per install");
    }
}
