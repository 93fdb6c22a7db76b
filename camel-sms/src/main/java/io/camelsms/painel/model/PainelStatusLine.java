package io.camelsms.painel.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of getstatus's {@code data}: 13 fields separated by {@code ;}, each quoted with {@code "} (a quote
 * inside a field is doubled, {@code ""}, as in CSV; a quoted field may hold {@code ;} and line breaks). Public
 * clients name columns 0, 2, 4, 6, 9, 10 and 12; the others are kept in {@link #columns()} unnamed.
 *
 * @param messageId   column 0
 * @param queuedAt    column 2, as the panel wrote it
 * @param deliveredAt column 4, as the panel wrote it (empty until delivered)
 * @param status      column 6, the status text
 * @param carrier     column 9
 * @param mobile      column 10
 * @param message     column 12, the text sent
 * @param columns     all 13 fields
 */
public record PainelStatusLine(String messageId, String queuedAt, String deliveredAt, String status, String carrier,
                               String mobile, String message, List<String> columns) {

    public static final int COLUMNS = 13;
    public static final int MESSAGE_ID = 0;
    public static final int QUEUED_AT = 2;
    public static final int DELIVERED_AT = 4;
    public static final int STATUS = 6;
    public static final int CARRIER = 9;
    public static final int MOBILE = 10;
    public static final int MESSAGE = 12;

    public static PainelStatusLine of(List<String> columns) {
        if (columns.size() != COLUMNS) {
            throw new IllegalArgumentException(columns.size() + " fields, the panel's lines have " + COLUMNS);
        }
        return new PainelStatusLine(columns.get(MESSAGE_ID), columns.get(QUEUED_AT), columns.get(DELIVERED_AT),
                columns.get(STATUS), columns.get(CARRIER), columns.get(MOBILE), columns.get(MESSAGE),
                List.copyOf(columns));
    }

    /**
     * Every line of a getstatus {@code data} block; blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line and the fault (unclosed quote, text after a closing quote,
     *                                  a field count other than 13)
     */
    public static List<PainelStatusLine> parseAll(String data) {
        List<PainelStatusLine> lines = new ArrayList<>();
        if (data == null) {
            return lines;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean closedQuote = false;
        boolean lineHasContent = false;
        int line = 1;
        int lineStart = 1;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < data.length() && data.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                    closedQuote = true;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0 || closedQuote) {
                        throw new IllegalArgumentException("line " + lineStart + ": a quote inside an unquoted field");
                    }
                    inQuotes = true;
                    lineHasContent = true;
                }
                case ';' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    closedQuote = false;
                    lineHasContent = true;
                }
                case '\r' -> {
                    // CRLF line ends: the \n ends the line
                }
                case '\n' -> {
                    if (lineHasContent) {
                        fields.add(field.toString());
                        lines.add(lineOf(lineStart, fields));
                    }
                    fields.clear();
                    field.setLength(0);
                    closedQuote = false;
                    lineHasContent = false;
                    line++;
                    lineStart = line;
                }
                default -> {
                    if (closedQuote) {
                        throw new IllegalArgumentException("line " + lineStart + ": text after a closing quote");
                    }
                    field.append(c);
                    lineHasContent = true;
                }
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("line " + lineStart + ": a quoted field is not closed");
        }
        if (lineHasContent) {
            fields.add(field.toString());
            lines.add(lineOf(lineStart, fields));
        }
        return lines;
    }

    private static PainelStatusLine lineOf(int line, List<String> fields) {
        try {
            return of(fields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ": " + e.getMessage(), e);
        }
    }
}
