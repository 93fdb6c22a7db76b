package io.camelsms.docs;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.camelsms.observability.MicrometerSmsObserver;
import io.camelsms.observability.RejectReason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/observability.md's Metrics and Dev console sections: the table names every metric the code registers (and no
 * other), every reason class is explained, and every code block is code a test or the app runs.
 */
class ObservabilityDocsTest {

    private static final Path PAGE = Path.of("docs/observability.md");
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TABLE_NAME = Pattern.compile("(?m)^\\| `(sms\\.[a-z.]+)` \\|");

    /** The page's section {@code title}, up to the next section. */
    private static String section(String title) throws IOException {
        String page = Files.readString(PAGE);
        int start = page.indexOf("\n## " + title + "\n");
        assertTrue(start >= 0, "docs/observability.md has no section " + title);
        int end = page.indexOf("\n## ", start + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    @Test
    void theMetricsTableNamesExactlyTheMetricsTheCodeRegisters() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (Field field : MicrometerSmsObserver.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                registered.add((String) field.get(null));
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher row = TABLE_NAME.matcher(section("Metrics"));
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(registered, documented);
    }

    @Test
    void everyReasonClassIsExplained() throws Exception {
        String metrics = section("Metrics");
        for (RejectReason reason : RejectReason.values()) {
            assertTrue(metrics.contains("`" + reason.tag() + "`"), reason.tag());
        }
    }

    @Test
    void everySnippetOfTheMetricsAndConsoleSectionsIsRunCode() throws Exception {
        StringBuilder tested = new StringBuilder(normalised(Files.readString(
                Path.of("camel-sms-app/src/main/resources/application.properties"))));
        try (Stream<Path> files = Files.list(Path.of("camel-sms/src/test/java/io/camelsms/observability"))) {
            for (Path file : files.toList()) {
                tested.append('\n').append(normalised(Files.readString(file)));
            }
        }
        List<String> untested = new ArrayList<>();
        int blocks = 0;
        for (String title : List.of("Metrics", "Dev console")) {
            Matcher block = BLOCK.matcher(section(title));
            while (block.find()) {
                blocks++;
                if (!tested.toString().contains(normalised(block.group(2)))) {
                    untested.add(title + ": " + block.group(1) + " block starting "
                                 + block.group(2).lines().findFirst().orElse(""));
                }
            }
        }
        assertTrue(blocks >= 3, "the sections lost their examples: " + blocks + " code blocks");
        assertEquals(List.of(), untested);
    }

    /** Each line without its indentation, blank lines dropped: a snippet may sit deeper in a test file. */
    private static String normalised(String code) {
        return code.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
