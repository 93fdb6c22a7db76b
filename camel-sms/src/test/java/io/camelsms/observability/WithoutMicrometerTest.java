package io.camelsms.observability;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Micrometer is optional: a user without it on the classpath sends, and the console still counts. The send runs in a
 * class loader made of this test's classpath less every Micrometer jar (camel-micrometer included).
 */
class WithoutMicrometerTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @Test
    void aSendWorksAndIsCountedForTheConsoleWithNoMicrometerClassOnTheClasspath() throws Exception {
        try (URLClassLoader withoutMicrometer = new URLClassLoader(classpathWithoutMicrometer(),
                ClassLoader.getPlatformClassLoader())) {
            Callable<?> run = (Callable<?>) withoutMicrometer.loadClass(SendWithoutMicrometer.class.getName())
                    .getConstructor(String.class).newInstance(SANDBOX.sandbox().baseUrl());
            Thread thread = Thread.currentThread();
            ClassLoader own = thread.getContextClassLoader();
            thread.setContextClassLoader(withoutMicrometer); // Camel finds its services through it
            try {
                assertEquals("micrometer on the classpath: false; metrics: false; accepted 1, rejected 1;"
                             + " console: accepted 1, rejected {invalid_number=1}", run.call());
            } finally {
                thread.setContextClassLoader(own);
            }
        }
        assertEquals(1, SANDBOX.sandbox().pwapi().lastRequests().size(), "the send reached the sandbox");
    }

    /** The test classpath (surefire may pass it as a manifest-only jar) without io.micrometer and camel-micrometer. */
    private static URL[] classpathWithoutMicrometer() throws Exception {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        List<URL> urls = new ArrayList<>();
        for (String entry : entries) {
            urls.add(new File(entry).toURI().toURL());
        }
        if (entries.length == 1 && entries[0].endsWith(".jar")) {
            try (JarFile booter = new JarFile(entries[0])) {
                String manifestPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
                if (manifestPath != null) {
                    urls.clear();
                    for (String url : manifestPath.split(" ")) {
                        urls.add(new URL(new File(entries[0]).toURI().toURL(), url));
                    }
                }
            }
        }
        return urls.stream().filter(url -> !url.getPath().contains("micrometer")).toArray(URL[]::new);
    }
}
