package io.camelsms.tracking;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class InFlightBatchTest {

    @Test
    void everyFieldComesBackAsWrittenWhateverItHolds() {
        String[] fields = {"plain", null, "tab\there", "line\nfeed", "carriage\rreturn", "back\\slash", "\\N", ""};
        StringBuilder out = new StringBuilder();
        InFlightBatch.appendLine(out, fields);
        InFlightBatch.appendLine(out, "second", null);

        assertEquals("plain\t\\N\ttab\\there\tline\\nfeed\tcarriage\\rreturn\tback\\\\slash\t\\\\N\t\n"
                + "second\t\\N\n", out.toString(), "PostgreSQL COPY's text format");
        List<String[]> lines = InFlightBatch.decodeLines(out.toString());
        assertArrayEquals(fields, lines.get(0));
        assertArrayEquals(new String[] {"second", null}, lines.get(1));
    }

    /** Rows written before carriage returns were escaped hold them raw: they read back the same. */
    @Test
    void aRawCarriageReturnOfAnEarlierRowReadsBackAsIs() {
        assertArrayEquals(new String[] {"a\rb", "c"}, InFlightBatch.decodeLines("a\rb\tc\n").get(0));
    }
}
