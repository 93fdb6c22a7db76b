package io.camelsms.app;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

import io.camelsms.app.status.FileCounts;
import io.camelsms.app.status.FileRunSummary;
import io.camelsms.app.status.RunningFile;
import io.camelsms.core.RecipientResult.Outcome;

/**
 * One recipient file on its way through the route: its results and rejects files and its counters. Shared by the
 * split's sub-exchanges through an exchange property; they run one after the other, so no locking is needed.
 * Output files are appended to, so a resumed file keeps what the first run wrote. Every row read ends in exactly one
 * of them: {@link #unaccounted()} is zero at the end of a file. Its counters are also read by the status page, from
 * another thread, through {@link #summary()}.
 */
public final class FileRun implements Closeable, RunningFile {

    static final String[] RESULT_COLUMNS = {"line", "row_id", "recipient", "status", "provider", "campaign_id",
        "provider_message_id", "reason"};
    static final String[] REJECT_COLUMNS = {"line", "row_id", "phone", "reason"};
    /** From this many lines, a batch's lines are formatted on all cores. */
    static final int PARALLEL_FROM = 1_000;
    private static final int LINES_PER_CHUNK = 1_000;

    private final String fileName;
    private final String provider;
    private final Instant startedAt = Instant.now();
    private volatile Instant finishedAt;
    private final long startNanos = System.nanoTime();
    private final CsvFile resultsFile;
    private final CsvFile rejectsFile;
    /** The line of a single-row write, on its way to a file. */
    private final Lines rowLines = new Lines();
    private long read;
    /** The rows of the batch being sent: their outcome is not known until {@link #sent()}. */
    private List<RecipientRow> inFlight = List.of();
    /** Batches the split has taken from the file and not yet prepared (it may read one ahead). */
    private final List<RecipientFile.Batch> taken = new ArrayList<>(2);
    private boolean closed;
    /** Why no more batches are sent, once the provider failed one; else null. */
    private volatile String stoppedBecause;
    /** Rows written, by outcome (REJECTED: the rejects file). Guarded by this, as {@link #read} is. */
    private final Map<Outcome, Long> written = new EnumMap<>(Outcome.class);

    FileRun(String fileName, String provider, Path outbox) throws IOException {
        this.fileName = fileName;
        this.provider = provider;
        Files.createDirectories(outbox);
        this.resultsFile = printer(outbox.resolve(fileName + ".results.csv"), RESULT_COLUMNS);
        this.rejectsFile = printer(outbox.resolve(fileName + ".rejects.csv"), REJECT_COLUMNS);
    }

    private static CsvFile printer(Path file, String[] header) throws IOException {
        dropTornLastLine(file);
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        CsvFile csv = new CsvFile(writer);
        if (fresh) {
            StringBuilder line = new StringBuilder();
            CsvLines.appendRecord(line, (Object[]) header);
            csv.append(line);
        }
        return csv;
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

    /**
     * A results line: accepted now, accepted earlier, or unknown, whose reason says why the provider may have acted
     * (never rejected: that is {@link #reject}).
     */
    void result(long line, String rowId, String recipient, Outcome outcome, String provider, String campaignId,
                String providerMessageId, String reason) throws IOException {
        rowLines.result(line, rowId, recipient, outcome, provider, campaignId, providerMessageId, reason);
        append(rowLines);
    }

    void reject(long line, String rowId, String phone, String reason) throws IOException {
        rowLines.reject(line, rowId, phone, reason);
        append(rowLines);
    }

    /**
     * A line per item (a batch's results), formatted on all cores in chunks for a large batch, then appended to the
     * files in the items' order. {@code writer} says which line an item is; it must only use {@code Lines}.
     */
    <T> void writeAll(List<T> items, BiConsumer<T, Lines> writer) throws IOException {
        int chunks = (items.size() + LINES_PER_CHUNK - 1) / LINES_PER_CHUNK;
        IntStream indexes = IntStream.range(0, chunks);
        Lines[] written = (items.size() >= PARALLEL_FROM ? indexes.parallel() : indexes).mapToObj(chunk -> {
            Lines lines = new Lines();
            for (T item : items.subList(chunk * LINES_PER_CHUNK, Math.min(items.size(),
                    (chunk + 1) * LINES_PER_CHUNK))) {
                writer.accept(item, lines);
            }
            return lines;
        }).toArray(Lines[]::new);
        for (Lines lines : written) {
            append(lines);
        }
    }

    /** Appends the lines to the files and counts them; leaves {@code lines} empty. */
    private void append(Lines lines) throws IOException {
        resultsFile.append(lines.results);
        rejectsFile.append(lines.rejects);
        synchronized (this) {
            for (Outcome outcome : Outcome.values()) {
                if (lines.counts[outcome.ordinal()] > 0) {
                    written.merge(outcome, lines.counts[outcome.ordinal()], Long::sum);
                }
            }
        }
        lines.clear();
    }

    /** Results and rejects lines not yet in the files, with their counts by outcome. */
    static final class Lines {
        private final StringBuilder results = new StringBuilder();
        private final StringBuilder rejects = new StringBuilder();
        private final long[] counts = new long[Outcome.values().length];

        /** A results line (never a rejected row: that is {@link #reject}). */
        void result(long line, String rowId, String recipient, Outcome outcome, String provider, String campaignId,
                    String providerMessageId, String reason) {
            if (outcome == Outcome.REJECTED) {
                throw new IllegalArgumentException("a rejected row goes to the rejects file, with its reason");
            }
            CsvLines.appendRecord(results, line, rowId, recipient, outcome, provider, campaignId, providerMessageId,
                    reason);
            counts[outcome.ordinal()]++;
        }

        void reject(long line, String rowId, String phone, String reason) {
            CsvLines.appendRecord(rejects, line, rowId, phone, reason);
            counts[Outcome.REJECTED.ordinal()]++;
        }

        private void clear() {
            results.setLength(0);
            rejects.setLength(0);
            Arrays.fill(counts, 0);
        }
    }

    synchronized void countRead(long rows) {
        read += rows;
    }

    void taken(RecipientFile.Batch batch) {
        taken.add(batch);
    }

    void prepared(RecipientFile.Batch batch) {
        taken.remove(batch);
    }

    List<RecipientFile.Batch> takenNotPrepared() {
        return List.copyOf(taken);
    }

    void sending(List<RecipientRow> rows) {
        inFlight = rows;
    }

    /** The batch being sent has its outcome written. */
    void sent() {
        inFlight = List.of();
    }

    void stop(String reason) {
        stoppedBecause = reason;
    }

    String stoppedBecause() {
        return stoppedBecause;
    }

    List<RecipientRow> inFlight() {
        return inFlight;
    }

    boolean isClosed() {
        return closed;
    }

    /** What the progress and summary lines say: rows read and where each went, and the rate. */
    synchronized String progress() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        return String.format("%s: %d rows read, %d accepted, %d already sent earlier, %d unknown, %d rejected;"
                             + " %.0f rows/s", fileName, read, count(Outcome.ACCEPTED), count(Outcome.ACCEPTED_EARLIER),
                count(Outcome.UNKNOWN), count(Outcome.REJECTED), read / seconds);
    }

    synchronized long count(Outcome outcome) {
        return written.getOrDefault(outcome, 0L);
    }

    /** Rows read that are in neither file (zero once every row of the file is written). */
    synchronized long unaccounted() {
        return read - written.values().stream().mapToLong(Long::longValue).sum();
    }

    void flush() throws IOException {
        resultsFile.flush();
        rejectsFile.flush();
    }

    /** The run as the status page shows it: done once closed, stopped when its sending stopped. */
    @Override
    public synchronized FileRunSummary summary() {
        FileRunSummary.State state = finishedAt == null ? FileRunSummary.State.IN_PROGRESS
                : stoppedBecause == null ? FileRunSummary.State.DONE : FileRunSummary.State.STOPPED;
        return new FileRunSummary(fileName, provider, state, startedAt, finishedAt, new FileCounts(read,
                count(Outcome.ACCEPTED), count(Outcome.ACCEPTED_EARLIER), count(Outcome.UNKNOWN),
                count(Outcome.REJECTED)), stoppedBecause);
    }

    /**
     * An output file's records, gathered in memory and written at each {@link #flush} (after each batch) or once a
     * few hundred lines wait: one write per batch rather than a call per value.
     */
    private static final class CsvFile implements Closeable {
        private static final int DRAIN_AT_CHARS = 64 * 1024;
        private final Writer writer;
        private final StringBuilder pending = new StringBuilder(DRAIN_AT_CHARS + 1024);

        CsvFile(Writer writer) {
            this.writer = writer;
        }

        /** Records already written as CSV lines. */
        void append(CharSequence lines) throws IOException {
            pending.append(lines);
            if (pending.length() >= DRAIN_AT_CHARS) {
                drain();
            }
        }

        private void drain() throws IOException {
            writer.append(pending);
            pending.setLength(0);
        }

        void flush() throws IOException {
            drain();
            writer.flush();
        }

        @Override
        public void close() throws IOException {
            try (writer) {
                flush();
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        finishedAt = Instant.now();
        try (resultsFile; rejectsFile) {
            flush();
        }
    }
}
