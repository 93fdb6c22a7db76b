package io.camelsms.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.test.AvailablePortFinder;

import io.camelsms.app.SmsApplication;

/** The real app in a child JVM, on the test's own classpath, configured by -D properties as users do. */
public final class AppProcess {

    /** The port of camel-main's management server (metrics, dev console). */
    private static final String MANAGEMENT_PORT = "camel.management.port";

    private AppProcess() {
    }

    /** Starts the app in the project folder (routes/ and samples/ are relative to it); output to {@code log}. */
    public static Process start(Map<String, String> systemProperties, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        if (!systemProperties.containsKey(MANAGEMENT_PORT)) {
            // the management server (/observe/...) on a free port, so apps started by tests never clash on 9876
            command.add("-D" + MANAGEMENT_PORT + "=" + AvailablePortFinder.getNextAvailable());
        }
        command.add(SmsApplication.class.getName());
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // the test's own classpath, through the environment: no argument length limit to worry about
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        return builder.start();
    }
}
