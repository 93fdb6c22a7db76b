package io.camelsms.app;

import java.io.IOException;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

import io.camelsms.core.RecipientResult.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The results and rejects lines are byte for byte what commons-csv's RFC 4180 printer writes. */
class CsvLinesTest {

    /** Characters that decide quoting (delimiter, quote, line breaks, '#' and below, spaces), plus ordinary ones. */
    private static final String ALPHABET = ",\"\r\n #!\t\u0000-abcXYZ09+()'é€\uD83D\uDE00;";

    @Test
    void writesWhatCommonsCsvWritesOnEveryGeneratedRecord() throws IOException {
        SplittableRandom random = new SplittableRandom(9);
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(expected, CSVFormat.RFC4180)) {
            for (int record = 0; record < 100_000; record++) {
                Object[] values = new Object[1 + random.nextInt(8)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(random);
                }
                printer.printRecord(values);
                CsvLines.appendRecord(actual, values);
            }
        }
        assertEquals(expected.toString(), actual.toString());
    }

    @Test
    void aResultsLineAsTheRouteWritesIt() {
        StringBuilder line = new StringBuilder();
        CsvLines.appendRecord(line, 12L, "a-1", "55(21)988887777", Outcome.ACCEPTED, "pwapi", null, null,
                "may have reached pwapi: \"no reply\", retry later");
        assertEquals("12,a-1,55(21)988887777,ACCEPTED,pwapi,,,\"may have reached pwapi: \"\"no reply\"\", retry"
                     + " later\"\r\n", line.toString());
    }

    private static Object value(SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0:
                return null;
            case 1:
                return random.nextLong(-5, 100_000);
            case 2:
                return Outcome.values()[random.nextInt(Outcome.values().length)];
            default:
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(7);
                for (int i = 0; i < length; i++) {
                    text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                return text.toString();
        }
    }
}
