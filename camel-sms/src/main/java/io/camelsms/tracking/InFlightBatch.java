package io.camelsms.tracking;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact form of a batch's messages in one column ({@code sms_in_flight_batch.messages}, V10, and
 * {@code sms_accepted_batch.messages}, V12): one line per message, its fields separated by a tab; backslash, tab,
 * line feed and carriage return escaped, a missing field written as {@code \N}: PostgreSQL COPY's text format, which
 * the store's COPY of accepted messages writes with {@link #appendLine} too. One string per row, so a batch costs one
 * row, not one per message.
 */
final class InFlightBatch {

    /** Characters per row; a longer batch is written in several parts (the column holds 1,000,000). */
    static final int MAX_PART = 500_000;

    private static final String NULL = "\\N";

    private InFlightBatch() {
    }

    /** An in-flight message: what an expanded row of sms_unknown_send needs besides the batch's columns. */
    record Entry(String externalId, String recipient) {
    }

    /** The in-flight messages as parts of at most {@link #MAX_PART} characters, in order. */
    static List<String> encode(List<Entry> entries) {
        List<String> parts = new ArrayList<>(1);
        StringBuilder part = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (Entry e : entries) {
            line.setLength(0);
            appendLine(line, e.externalId(), e.recipient());
            if (part.length() > 0 && part.length() + line.length() > MAX_PART) {
                parts.add(part.toString());
                part.setLength(0);
            }
            part.append(line);
        }
        if (part.length() > 0) {
            parts.add(part.toString());
        }
        return parts;
    }

    static List<Entry> decode(String part) {
        return decodeLines(part).stream().map(fields -> new Entry(fields[0], fields[1])).toList();
    }

    /** Appends one message's line: its fields (null as {@code \N}), tab-separated, then a line feed. */
    static void appendLine(StringBuilder out, String... fields) {
        for (int f = 0; f < fields.length; f++) {
            if (f > 0) {
                out.append('\t');
            }
            if (fields[f] == null) {
                out.append(NULL);
            } else {
                escape(fields[f], out);
            }
        }
        out.append('\n');
    }

    /** Every line of a part, as its fields. */
    static List<String[]> decodeLines(String part) {
        List<String[]> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        boolean nullField = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\' && i + 1 < part.length()) {
                char next = part.charAt(++i);
                switch (next) {
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    case 'N' -> nullField = true;
                    default -> field.append(next);
                }
            } else if (c == '\t' || c == '\n') {
                fields.add(nullField ? null : field.toString());
                field.setLength(0);
                nullField = false;
                if (c == '\n') {
                    lines.add(fields.toArray(new String[0]));
                    fields.clear();
                }
            } else {
                field.append(c);
            }
        }
        return lines;
    }

    private static void escape(String value, StringBuilder out) {
        // ids, numbers and digests have nothing to escape: four (vectorized) scans, then copied whole
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0
            && value.indexOf('\r') < 0) {
            out.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
