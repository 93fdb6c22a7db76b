package io.camelsms.app;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One recipient file on its way through the route: its results and rejects files and its counters. Shared by the
 * split's sub-exchanges through an exchange property; they run one after the other, so no locking is needed.
 * Output files are appended to, so a resumed file keeps what the first run wrote.
 */
public final class FileRun implements Closeable {

    static final String[] RESULT_COLUMNS = {"line", "row_id", "recipient", "status", "provider", "campaign_id",
        "provider_message_id", "reason"};
    static final String[] REJECT_COLUMNS = {"line", "row_id", "phone", "reason"};

    private final String fileName;
    private final long startNanos = System.nanoTime();
    private final CSVPrinter results;
    private final CSVPrinter rejects;
    private long read;
    private long accepted;
    private long rejected;
    private long skipped;
    private long unknown;

    FileRun(String fileName, Path outbox) throws IOException {
        this.fileName = fileName;
        Files.createDirectories(outbox);
        this.results = printer(outbox.resolve(fileName + ".results.csv"), RESULT_COLUMNS);
        this.rejects = printer(outbox.resolve(fileName + ".rejects.csv"), REJECT_COLUMNS);
    }

    private static CSVPrinter printer(Path file, String[] header) throws IOException {
        dropTornLastLine(file);
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        CSVFormat format = fresh ? CSVFormat.RFC4180.builder().setHeader(header).get() : CSVFormat.RFC4180;
        return new CSVPrinter(writer, format);
    }

    /**
     * A run killed mid-write (kill -9) can leave half a line at the end; appending to it would merge it with the
     * next run's first line. It is dropped: the resumed run reads the file again and writes that row once more.
     */
    private static void dropTornLastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = channel.size();
            ByteBuffer last = ByteBuffer.allocate(1);
            while (end > 0) {
                last.clear();
                channel.read(last, end - 1);
                if (last.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < channel.size()) {
                channel.truncate(end);
            }
        }
    }

    void result(long line, String rowId, String recipient, String status, String provider, String campaignId,
                String providerMessageId) throws IOException {
        results.printRecord(line, rowId, recipient, status, provider, campaignId, providerMessageId, null);
    }

    /** A row whose request may have reached the provider: in the results (it may be sent), never resent. */
    void unknown(long line, String rowId, String recipient, String provider, String reason) throws IOException {
        results.printRecord(line, rowId, recipient, "UNKNOWN", provider, null, null, reason);
        unknown++;
    }

    void reject(long line, String rowId, String phone, String reason) throws IOException {
        rejects.printRecord(line, rowId, phone, reason);
        rejected++;
    }

    void countRead(long rows) {
        read += rows;
    }

    void countAccepted(long rows) {
        accepted += rows;
    }

    void countSkipped(long rows) {
        skipped += rows;
    }

    /** {@code rows read, sent, rejected, skipped, rate}: what the progress and summary lines say. */
    String progress() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        return String.format("%s: %d rows read, %d accepted, %d rejected, %d unknown (not resent), %d already sent"
                             + " earlier; %.0f rows/s", fileName, read, accepted, rejected, unknown, skipped,
                read / seconds);
    }

    long accepted() {
        return accepted;
    }

    long rejected() {
        return rejected;
    }

    long skipped() {
        return skipped;
    }

    long unknown() {
        return unknown;
    }

    void flush() throws IOException {
        results.flush();
        rejects.flush();
    }

    @Override
    public void close() throws IOException {
        try (results; rejects) {
            flush();
        }
    }
}
