package io.camelsms.app;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A recipient file, read as a stream of batches so memory stays flat whatever its size.
 * <p>
 * Format: UTF-8 CSV (a BOM is tolerated) with a header row; columns {@code phone} (required), {@code text},
 * {@code name}, {@code field1}..{@code field4}, {@code external_id}. Quoted fields may hold commas and line breaks;
 * CRLF and LF both work. One text for the whole file can be given by a first line {@code # text: ...}, which a
 * row's own {@code text} overrides. An unknown column in the header makes the whole file unreadable (a typo
 * would otherwise drop that column from every row); a bad row is rejected with its line and the reason.
 */
public final class RecipientFile implements Closeable {

    public static final Set<String> COLUMNS = Set.of("phone", "text", "name", "field1", "field2", "field3", "field4",
            "external_id");
    private static final String TEXT_DIRECTIVE = "text:";
    /** Characters of the content hash in a derived row id: with the line number, well under 40 characters. */
    private static final int HASH_CHARS = 16;

    private final String fileHash;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final String fileText;
    private long lastLine;

    private RecipientFile(String fileHash, CSVParser parser, String fileText) {
        this.fileHash = fileHash;
        this.parser = parser;
        this.records = parser.iterator();
        this.fileText = fileText;
        this.lastLine = parser.getCurrentLineNumber();
    }

    /**
     * Opens a file: one streaming pass for its content hash, then the CSV stream.
     *
     * Texts are not measured here: the provider's component rejects a text too long for it, with its own limit.
     *
     * @param defaultText text for rows without one when the file has no {@code # text:} line (may be null)
     * @throws InvalidRecipientFileException when the header is missing or names an unknown column
     */
    public static RecipientFile open(Path file, String defaultText) throws IOException {
        String hash = contentHash(file);
        Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            skipBom(reader);
            CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    // empty lines come through as records so line numbers stay exact; read() skips them
                    .setCommentMarker('#').setIgnoreEmptyLines(false).setTrim(true).get().parse(reader);
            checkHeader(file, parser.getHeaderMap());
            String text = textDirective(parser.getHeaderComment());
            return new RecipientFile(hash, parser, text != null ? text : defaultText);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The next batch of at most {@code size} well-formed rows, with the rejected rows met on the way. */
    public Iterator<Batch> batches(int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<RecipientRow> rows = new ArrayList<>(Math.min(size, 4096));
                List<RowReject> rejects = new ArrayList<>();
                while (rows.size() < size && records.hasNext()) {
                    read(records.next(), rows, rejects);
                }
                return new Batch(rows, rejects);
            }
        };
    }

    public String contentHash() {
        return fileHash;
    }

    private void read(CSVRecord record, List<RecipientRow> rows, List<RowReject> rejects) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        if (record.size() == 1 && record.get(0).isEmpty()) {
            return; // a blank line
        }
        String externalId = value(record, "external_id");
        String rowId = externalId != null ? externalId : fileHash + "-L" + line;
        String phone = value(record, "phone");
        String text = value(record, "text");
        text = text != null ? text : fileText;
        if (!record.isConsistent()) {
            rejects.add(new RowReject(line, rowId, phone, record.size() + " fields but the header has "
                    + parser.getHeaderMap().size() + " columns (an unquoted comma, or a column without a header?)"));
        } else if (phone == null) {
            rejects.add(new RowReject(line, rowId, null, "phone is empty"));
        } else if (text == null) {
            rejects.add(new RowReject(line, rowId, phone, "no text: the row has none and the file has no '# text:' line"));
        } else {
            rows.add(new RecipientRow(line, rowId, phone, text, value(record, "name"), value(record, "field1"),
                    value(record, "field2"), value(record, "field3"), value(record, "field4")));
        }
    }

    private static String value(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column);
        return value.isEmpty() ? null : value;
    }

    private static void checkHeader(Path file, Map<String, Integer> header) {
        if (header == null || !header.containsKey("phone")) {
            throw new InvalidRecipientFileException(file, "the header row has no 'phone' column; expected columns: "
                    + new TreeSet<>(COLUMNS));
        }
        Set<String> unknown = new TreeSet<>(header.keySet());
        unknown.removeAll(COLUMNS);
        if (!unknown.isEmpty()) {
            throw new InvalidRecipientFileException(file, "unknown column(s) " + unknown + " in the header; known: "
                    + new TreeSet<>(COLUMNS));
        }
    }

    private static String textDirective(String headerComment) {
        if (headerComment == null) {
            return null;
        }
        for (String line : headerComment.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.regionMatches(true, 0, TEXT_DIRECTIVE, 0, TEXT_DIRECTIVE.length())) {
                String text = trimmed.substring(TEXT_DIRECTIVE.length()).strip();
                return text.isEmpty() ? null : text;
            }
        }
        return null;
    }

    private static void skipBom(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private static String contentHash(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, HASH_CHARS);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Well-formed rows to send and the rows rejected while reading them. */
    public record Batch(List<RecipientRow> rows, List<RowReject> rejects) {
    }

    /** The file as a whole cannot be read as a recipient file. */
    public static final class InvalidRecipientFileException extends IllegalArgumentException {
        public InvalidRecipientFileException(Path file, String reason) {
            super(file.getFileName() + ": " + reason);
        }
    }
}
