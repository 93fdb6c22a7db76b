package io.camelsms.app.status;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/observability.md's "Status page" section: every code block is the app's own configuration (which the status
 * page tests load), and every number and field of the JSON is explained.
 */
class StatusPageDocsTest {

    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    private static String section() throws IOException {
        String page = Files.readString(Path.of("docs/observability.md"));
        int start = page.indexOf("\n## Status page\n");
        assertTrue(start >= 0, "docs/observability.md has no '## Status page' section");
        int end = page.indexOf("\n## ", start + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    @Test
    void everySnippetIsTheAppsOwnConfiguration() throws IOException {
        String properties = normalised(Files.readString(
                Path.of("camel-sms-app/src/main/resources/application.properties")));
        Matcher block = BLOCK.matcher(section());
        List<String> untested = new ArrayList<>();
        int blocks = 0;
        while (block.find()) {
            blocks++;
            if (!properties.contains(normalised(block.group(2)))) {
                untested.add(block.group(2));
            }
        }
        assertTrue(blocks > 0, "the section lost its configuration example");
        assertEquals(List.of(), untested);
    }

    @Test
    void everyFieldOfTheJsonIsExplained() throws IOException {
        String section = section();
        List<String> missing = new ArrayList<>();
        for (Class<?> type : List.of(StatusReport.class, StatusReport.FileStatus.class,
                StatusReport.ProviderStatus.class, StatusHistory.Sample.class)) {
            for (RecordComponent field : type.getRecordComponents()) {
                if (!section.contains("`" + field.getName() + "`")) {
                    missing.add(type.getSimpleName() + "." + field.getName());
                }
            }
        }
        for (RecordComponent field : FileCounts.class.getRecordComponents()) {
            if (!section.contains("`rows." + field.getName() + "`")) {
                missing.add("rows." + field.getName());
            }
        }
        List<String> tracked = new ArrayList<>(List.of("tracked"));
        for (RecordComponent field : StatusTotals.class.getRecordComponents()) {
            tracked.add(field.getName());
        }
        for (String field : tracked) {
            if (!section.contains("`tracked." + field + "`")) {
                missing.add("tracked." + field);
            }
        }
        assertEquals(List.of(), missing);
    }

    /** Each line without its indentation, blank lines dropped. */
    private static String normalised(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
