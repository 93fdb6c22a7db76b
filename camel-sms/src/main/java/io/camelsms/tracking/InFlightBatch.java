package io.camelsms.tracking;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact form of a batch's in-flight messages in {@code sms_in_flight_batch.messages} (V10): one line per
 * message, its external id and recipient separated by a tab; backslash, tab and line feed escaped, a missing external
 * id written as {@code \N}. One string per row, so a batch's write-ahead is one row, not one per message.
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

    /** The messages as parts of at most {@link #MAX_PART} characters, in order. */
    static List<String> encode(List<Entry> entries) {
        List<String> parts = new ArrayList<>(1);
        StringBuilder part = new StringBuilder();
        for (Entry e : entries) {
            StringBuilder line = new StringBuilder();
            if (e.externalId() == null) {
                line.append(NULL);
            } else {
                escape(e.externalId(), line);
            }
            line.append('\t');
            escape(e.recipient(), line);
            line.append('\n');
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
        List<Entry> entries = new ArrayList<>();
        List<String> fields = new ArrayList<>(2);
        StringBuilder field = new StringBuilder();
        boolean nullField = false;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\' && i + 1 < part.length()) {
                char next = part.charAt(++i);
                switch (next) {
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'N' -> nullField = true;
                    default -> field.append(next);
                }
            } else if (c == '\t' || c == '\n') {
                fields.add(nullField ? null : field.toString());
                field.setLength(0);
                nullField = false;
                if (c == '\n') {
                    entries.add(new Entry(fields.get(0), fields.get(1)));
                    fields.clear();
                }
            } else {
                field.append(c);
            }
        }
        return entries;
    }

    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }
}
