package io.camelsms.sandbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox as a good citizen in a user's JVM: it never keeps the JVM alive, and stops with the CamelContext. */
class SandboxLifecycleTest {

    /** A user's main that starts a sandbox and ends without closing it. */
    public static final class ForgetfulMain {
        public static void main(String[] args) {
            Sandbox.start(0).autopilot(java.time.Duration.ofMillis(100), java.time.Duration.ofMinutes(1));
        }
    }

    @Test
    void aSandboxLeftOpenDoesNotKeepTheJvmAlive() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), ForgetfulMain.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited, "the JVM still runs after main returned: a sandbox thread is not a daemon");
        assertEquals(0, process.exitValue());
    }

    @Test
    void stopsWithTheCamelContextItWasAddedTo() throws Exception {
        Sandbox sandbox = Sandbox.start(0);
        int port = sandbox.port();
        CamelContext context = new DefaultCamelContext();
        context.addService(sandbox);
        context.start();
        try (Socket open = new Socket("127.0.0.1", port)) {
            assertTrue(open.isConnected());
        }
        context.stop();
        assertThrows(ConnectException.class, () -> connect(port), "the sandbox still listens after context.stop()");
    }

    private static void connect(int port) throws IOException {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            // connected: the assertion above fails
        }
    }
}
