package io.camelsms.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/** Records every log line (message and stack trace) at every level while open, for "never logged" checks. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private static final String HTTP_CLIENT = "org.apache.hc";
    private final List<String> infoAndAbove = new CopyOnWriteArrayList<>();
    private final Level previousRoot;

    private LogCapture() {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        previousRoot = context.getConfiguration().getRootLogger().getLevel();
        context.getConfiguration().getRootLogger().addAppender(this, Level.ALL, null);
        Configurator.setRootLevel(Level.DEBUG);
        Configurator.setLevel("io.camelsms", Level.TRACE);
        // Apache HttpClient logs request lines and wire bytes (credentials included) at DEBUG, as documented in
        // HttpTransport and docs/send-outcomes.md; the app keeps it at INFO. What is checked here is camel-sms itself.
        Configurator.setLevel(HTTP_CLIENT, Level.INFO);
        context.updateLoggers();
    }

    public static LogCapture everything() {
        return new LogCapture();
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
        if (event.getLevel().isMoreSpecificThan(Level.INFO)) {
            infoAndAbove.add(line.toString());
        }
    }

    /** The lines an app logging at INFO shows (stack traces logged at DEBUG on purpose are left out). */
    public List<String> infoAndAbove() {
        return List.copyOf(infoAndAbove);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        Configurator.setRootLevel(previousRoot);
        Configurator.setLevel("io.camelsms", Level.DEBUG);
        context.updateLoggers();
        stop();
    }
}
