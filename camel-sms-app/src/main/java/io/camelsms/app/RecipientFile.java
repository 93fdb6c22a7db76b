package io.camelsms.app;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recipient file, read as a stream of batches so memory stays flat whatever its size.
 * <p>
 * Format: UTF-8 CSV (a BOM is tolerated) with a header row; columns {@code phone} (required), {@code text},
 * {@code name}, {@code field1}..{@code field4}, {@code external_id}. Quoted fields may hold commas and line breaks;
 * CRLF and LF both work. One text for the whole file can be given by a first line {@code # text: ...}, which a
 * row's own {@code text} overrides. An unknown column in the header makes the whole file unreadable (a typo
 * would otherwise drop that column from every row); a bad row is rejected with its line and the reason.
 * <p>
 * Every row ends in a batch's rows or rejects: a row with bytes that are not UTF-8 is rejected (the file is decoded
 * leniently, row by row, so the good rows before and after it are sent); a row reusing an earlier row's
 * {@code external_id} is rejected as a duplicate of that line; and where the file cannot be read on (a quote never
 * closed, an I/O error) one reject covers the lines from there to the end ("lines N-M not read").
 */
public final class RecipientFile implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RecipientFile.class);
    public static final Set<String> COLUMNS = Set.of("phone", "text", "name", "field1", "field2", "field3", "field4",
            "external_id");
    private static final String TEXT_DIRECTIVE = "text:";
    /** Characters of the content hash in a derived row id: with the line number, well under 40 characters. */
    private static final int HASH_CHARS = 16;

    /** What commons-csv says when the file ends inside a quoted field. */
    private static final String UNCLOSED_QUOTE = "EOF reached before encapsulated token finished";

    private final String fileName;
    private final FileFacts facts;
    private final LenientUtf8Reader decoded;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final String fileText;
    private final ExternalIdLines externalIds;
    private long lastLine;
    private boolean encodingLogged;
    /** Every record was read. */
    private boolean exhausted;
    private boolean closed;
    /** The reject covering the lines that could not be read, once the file could not be read on; else null. */
    private RowReject unreadable;

    private RecipientFile(String fileName, FileFacts facts, LenientUtf8Reader decoded, CSVParser parser,
                          String fileText) {
        this.fileName = fileName;
        this.facts = facts;
        this.decoded = decoded;
        this.parser = parser;
        this.records = parser.iterator();
        this.fileText = fileText;
        this.lastLine = parser.getCurrentLineNumber();
        // sized for one id a line when the file has the column
        this.externalIds = new ExternalIdLines(parser.getHeaderMap().containsKey("external_id") ? facts.lines() : 0);
    }

    /**
     * Opens a file: one streaming pass for its content hash and line count, then the CSV stream.
     *
     * Texts are not measured here: the provider's component rejects a text too long for it, with its own limit.
     *
     * @param defaultText text for rows without one when the file has no {@code # text:} line (may be null)
     * @throws InvalidRecipientFileException when the header is missing, names an unknown column or is not UTF-8
     */
    public static RecipientFile open(Path file, String defaultText) throws IOException {
        FileFacts facts = FileFacts.of(file);
        LenientUtf8Reader decoded = new LenientUtf8Reader(new BufferedInputStream(Files.newInputStream(file)));
        Reader reader = new BufferedReader(decoded);
        try {
            skipBom(reader);
            CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    // empty lines come through as records so line numbers stay exact; read() skips them
                    .setCommentMarker('#').setIgnoreEmptyLines(false).setTrim(true).get().parse(reader);
            LenientUtf8Reader.Fault inHeader = decoded.claimFault(1, parser.getCurrentLineNumber());
            if (inHeader != null) {
                throw new InvalidRecipientFileException(file, "the header is " + inHeader.describe());
            }
            checkHeader(file, parser.getHeaderMap());
            String text = textDirective(parser.getHeaderComment());
            return new RecipientFile(file.getFileName().toString(), facts, decoded, parser,
                    text != null ? text : defaultText);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The next batch of at most {@code size} well-formed rows, with the rejected rows met on the way. */
    public Iterator<Batch> batches(int size) {
        return new Iterator<>() {
            private boolean unreadableGiven;

            @Override
            public boolean hasNext() {
                return hasNextRecord() || (unreadable != null && !unreadableGiven);
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<RecipientRow> rows = new ArrayList<>(Math.min(size, 4096));
                List<RowReject> rejects = new ArrayList<>();
                while (rows.size() < size && hasNextRecord()) {
                    read(records.next(), rows, rejects);
                }
                if (unreadable != null && !unreadableGiven) {
                    rejects.add(unreadable);
                    unreadableGiven = true;
                }
                return new Batch(rows, rejects);
            }
        };
    }

    public String contentHash() {
        return facts.hash();
    }

    /**
     * A reject covering the lines not read yet ("lines N-M not sent: why"), for a file given up part-way; null when
     * every line was read (or is already covered by the reject for a part that could not be read).
     */
    RowReject rest(String why) {
        long first = lastLine + 1;
        long last = facts.lines();
        // not the parser's word: the send may have closed it already
        if (exhausted || unreadable != null || first > last) {
            return null;
        }
        return new RowReject(first, null, null, lineRange(first, last) + " not sent: " + why);
    }

    private static String lineRange(long first, long last) {
        return first == last ? "line " + first : "lines " + first + "-" + last;
    }

    /**
     * Whether another record follows; false, with {@link #unreadable} set, where the parser cannot read on (the
     * iterator reads the next record ahead, so that is where a quote never closed or an I/O error shows).
     */
    private boolean hasNextRecord() {
        if (unreadable != null || closed) {
            return false;
        }
        try {
            exhausted = !records.hasNext();
            return !exhausted;
        } catch (UncheckedIOException | IllegalStateException e) {
            long first = lastLine + 1;
            long last = Math.max(first, facts.lines());
            String lines = lineRange(first, last);
            String cause = rootMessage(e);
            String reason = cause.contains(UNCLOSED_QUOTE)
                    ? "unclosed quote: " + lines + " not read (the quoted field that starts on line " + first
                      + " never closes)"
                    : lines + " not read: " + cause;
            LOG.warn("{}: {}", fileName, reason);
            LOG.debug("{}: the file cannot be read on", fileName, e);
            unreadable = new RowReject(first, null, null, reason);
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private void read(CSVRecord record, List<RecipientRow> rows, List<RowReject> rejects) {
        long line = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        // the last row of a file without a final line break ends on a line the parser has not counted
        LenientUtf8Reader.Fault fault = decoded.claimFault(line, Math.max(line, lastLine));
        if (record.size() == 1 && record.get(0).isEmpty()) {
            return; // a blank line
        }
        String externalId = value(record, "external_id");
        String rowId = externalId != null ? externalId : facts.hash() + "-L" + line;
        String phone = value(record, "phone");
        String text = value(record, "text");
        text = text != null ? text : fileText;
        long firstUse = externalId == null || fault != null ? -1 : externalIds.firstLine(externalId, line);
        if (fault != null) {
            if (!encodingLogged) {
                LOG.warn("{}: line {} is {}; rows with bytes that are not UTF-8 are rejected", fileName, line,
                        fault.describe());
                encodingLogged = true;
            }
            rejects.add(new RowReject(line, rowId, phone, fault.describe()));
        } else if (firstUse >= 0) {
            rejects.add(new RowReject(line, rowId, phone, "duplicate of line " + firstUse + ": external_id '"
                    + externalId + "' is used on lines " + firstUse + " and " + line + " of this file"));
        } else if (!record.isConsistent()) {
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

    /** The file's content hash (the prefix of a derived row id) and its number of lines, read in one pass. */
    private record FileFacts(String hash, long lines) {

        static FileFacts of(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long breaks = 0;
            byte previous = '\n';
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        // CR, LF and CRLF each end a line, as commons-csv counts them
                        if (b == '\r' || (b == '\n' && previous != '\r')) {
                            breaks++;
                        }
                        previous = b;
                    }
                }
            }
            boolean lastLineOpen = previous != '\n' && previous != '\r';
            return new FileFacts(HexFormat.of().formatHex(digest.digest()).substring(0, HASH_CHARS),
                    breaks + (lastLineOpen ? 1 : 0));
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
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
