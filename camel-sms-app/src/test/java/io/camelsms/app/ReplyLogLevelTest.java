package io.camelsms.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.camelsms.core.InboundMessage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reply's log line names the customer's number and text: {@code sms.reply-log-level} decides whether it is
 * written (INFO by default), while the reply always reaches outbox/inbound-<day>.jsonl.
 */
class ReplyLogLevelTest {

    private static final String NUMBER = "5521988887777";

    @TempDir
    Path data;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private AbstractAppender capture;

    @BeforeEach
    void captureLogs() {
        capture = new AbstractAppender("reply-log-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        LoggerContext logging = LoggerContext.getContext(false);
        logging.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        logging.updateLoggers();
    }

    @AfterEach
    void stopCapture() {
        LoggerContext logging = LoggerContext.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(capture.getName());
        logging.updateLoggers();
        capture.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "OFF"})
    void aReplyIsLoggedAtTheConfiguredLevelAndAlwaysWrittenToTheOutbox(String level) throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("sms.data-dir", data.toString());
        if (!level.isEmpty()) {
            overrides.setProperty("sms.reply-log-level", level);
        }
        CamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(overrides);
        Path outputs = Path.of("routes/outputs.yaml");
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.fromString(outputs.getFileName().toString(), Files.readString(outputs)));
        context.start();
        try {
            context.createProducerTemplate().sendBody("direct:inbound", new InboundMessage("painel", null, "1001",
                    NUMBER, "SIM, pode ligar", null, Instant.parse("2026-12-05T10:00:00Z"), "cust-1"));
        } finally {
            context.stop();
        }

        try (Stream<Path> outbox = Files.list(data.resolve("outbox"))) {
            List<String> lines = outbox.filter(f -> f.getFileName().toString().startsWith("inbound-"))
                    .flatMap(ReplyLogLevelTest::lines).toList();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("\"text\":\"SIM, pode ligar\""), lines.get(0));
        }
        List<String> naming = logged.stream().filter(l -> l.contains(NUMBER) || l.contains("pode ligar")).toList();
        if (level.isEmpty()) {
            assertEquals(List.of("INFO reply from " + NUMBER + " to cust-1 (campaign 1001): 'SIM, pode ligar'"), naming);
        } else {
            assertEquals(List.of(), naming, "the number or the text reached the log");
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
