package io.camelsms.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every code block of docs/use-in-your-app.md is code the tests run: it appears (indentation aside) in a source of
 * io.camelsms.guide or src/test/resources/guide, and the Maven coordinates are the artifact's own.
 */
class GuideSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySnippetOfTheGuideIsTestedCode() throws IOException {
        String guide = Files.readString(Path.of("docs/use-in-your-app.md"));
        StringBuilder tested = new StringBuilder();
        for (Path folder : List.of(Path.of("camel-sms/src/test/java/io/camelsms/guide"), Path.of("camel-sms/src/test/resources/guide"))) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    tested.append(normalised(Files.readString(file))).append('\n');
                }
            }
        }
        List<String> untested = new ArrayList<>();
        Matcher block = BLOCK.matcher(guide);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            String code = block.group(2);
            if (code.contains("<dependency>")) {
                checkCoordinates(code);
            } else if (!tested.toString().contains(normalised(code))) {
                untested.add(block.group(1) + " block starting " + code.lines().findFirst().orElse(""));
            }
        }
        assertFalse(blocks < 6, "the guide lost its examples: " + blocks + " code blocks");
        assertEquals(List.of(), untested);
    }

    private static void checkCoordinates(String dependency) throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = GuideSnippetsTest.class.getResourceAsStream(
                "/META-INF/services/org/apache/camel/component.properties")) {
            artifact.load(in);
        }
        for (String coordinate : List.of("groupId", "artifactId", "version")) {
            String expected = "<" + coordinate + ">" + artifact.getProperty(coordinate) + "</" + coordinate + ">";
            if (!dependency.contains(expected)) {
                throw new AssertionError("the guide's dependency lacks " + expected + ":\n" + dependency);
            }
        }
    }

    /** Each line without its indentation, blank lines dropped: a snippet may sit deeper in a test file. */
    private static String normalised(String code) {
        return code.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
