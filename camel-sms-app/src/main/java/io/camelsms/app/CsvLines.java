package io.camelsms.app;

/**
 * Writes CSV records exactly as commons-csv's {@code CSVFormat.RFC4180} printer does (minimal quoting, CRLF after
 * each record, a null value as nothing), into a {@link StringBuilder}: the results file gets a line per row of a
 * million-row file, and the printer's per-value work (a lock, a Writer call and a substring per value) was a
 * quarter of the route thread's time. CsvLinesTest compares both on generated values.
 */
final class CsvLines {

    private static final char QUOTE = '"';
    private static final char DELIMITER = ',';
    /** commons-csv quotes a value starting with this character or one below it (its comment marker). */
    private static final char COMMENT = '#';

    private CsvLines() {
    }

    /** One record: each value as {@code String.valueOf} gives it, null as an empty field; then CRLF. */
    static void appendRecord(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(DELIMITER);
            }
            Object value = values[i];
            if (value instanceof String text) {
                appendValue(out, text, i == 0);
            } else if (value instanceof Long number) {
                out.append(number.longValue()); // digits and a minus sign: never quoted
            } else if (value instanceof Enum<?> constant && constant.toString() == constant.name()) {
                out.append(constant.name()); // a Java identifier: never quoted
            } else if (value != null) {
                appendValue(out, value.toString(), i == 0);
            }
        }
        out.append('\r').append('\n');
    }

    private static void appendValue(StringBuilder out, String value, boolean first) {
        if (!needsQuotes(value, first)) {
            out.append(value);
            return;
        }
        out.append(QUOTE);
        int from = 0;
        for (int i = value.indexOf(QUOTE); i >= 0; i = value.indexOf(QUOTE, i + 1)) {
            out.append(value, from, i + 1).append(QUOTE); // a quote inside is written twice
            from = i + 1;
        }
        out.append(value, from, value.length()).append(QUOTE);
    }

    /** commons-csv's minimal quoting, rule for rule. */
    private static boolean needsQuotes(String value, boolean first) {
        int length = value.length();
        if (length == 0) {
            return first; // an empty first value alone on a line would read as an empty line
        }
        if (value.charAt(0) <= COMMENT) {
            return true;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == QUOTE || c == DELIMITER) {
                return true;
            }
        }
        return value.charAt(length - 1) <= ' ';
    }
}
