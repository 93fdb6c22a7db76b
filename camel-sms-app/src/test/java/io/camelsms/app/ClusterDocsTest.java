package io.camelsms.app;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/cluster.md's snippets are what the cluster tests run: the properties are the ones ClusterNodesTest and
 * ClusterChaosTest (through ClusterNode) give their nodes, the Java lines are PainelClusterEventsTest's, and every
 * variable the Kubernetes Deployment sets is an app property (or a placeholder the properties use).
 */
class ClusterDocsTest {

    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySnippetOfTheClusterPageIsWhatTheTestsRun() throws IOException {
        String page = Files.readString(Path.of("docs/cluster.md"));
        String nodes = Files.readString(Path.of("camel-sms-app/src/test/java/io/camelsms/app/ClusterNodesTest.java"))
                + Files.readString(Path.of("camel-sms-app/src/test/java/io/camelsms/app/ClusterChaosTest.java"))
                + Files.readString(Path.of("camel-sms-app/src/test/java/io/camelsms/testing/ClusterNode.java"));
        String events = Files.readString(
                Path.of("camel-sms/src/test/java/io/camelsms/painel/PainelClusterEventsTest.java"));
        Properties app = new Properties();
        app.load(new StringReader(Files.readString(
                Path.of("camel-sms-app/src/main/resources/application.properties"))));
        List<String> unchecked = new ArrayList<>();
        Matcher block = BLOCK.matcher(page);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String code = block.group(2);
            switch (block.group(1)) {
                case "properties" -> {
                    Properties documented = new Properties();
                    documented.load(new StringReader(code));
                    for (String key : documented.stringPropertyNames()) {
                        // a test database has no password; every other key is one a test node is started with
                        if (!key.endsWith(".password") && !nodes.contains('"' + key + '"')) {
                            unchecked.add("property " + key);
                        }
                    }
                }
                case "java" -> code.lines().map(String::strip).filter(l -> !l.isEmpty())
                        .filter(l -> !events.contains(l)).forEach(l -> unchecked.add("java " + l));
                case "yaml" -> {
                    Matcher env = Pattern.compile("- name: ((?:SMS|CAMEL)_\\w+)").matcher(code);
                    while (env.find()) {
                        String name = env.group(1);
                        boolean property = app.stringPropertyNames().stream()
                                .anyMatch(key -> normalised(key).equals(normalised(name)));
                        if (!property && !page.contains("${" + name + "}")) {
                            unchecked.add("environment variable " + name);
                        }
                    }
                }
                default -> unchecked.add("a " + block.group(1) + " block");
            }
        }
        assertEquals(3, blocks, "the page's snippets: properties, yaml, java");
        assertEquals(List.of(), unchecked);
        assertTrue(page.contains("sms.cluster.enabled"));
    }

    /** How Camel matches an environment variable to a property: case, dots, dashes and underscores aside. */
    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
    }
}
