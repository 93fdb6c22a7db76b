package io.camelsms.app;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.app.status.RecentFileRuns;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.RecipientResult.Outcome;
import io.camelsms.core.SendJob;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsException;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsValidationException;
import io.camelsms.core.Violation;

/**
 * The steps of the file-drop route ({@code routes/file-to-sms.yaml}, {@code .xml}): a recipient file becomes a
 * stream of batches of the provider's size; the send's outcome goes to the file's results and rejects files, line by
 * line. Rows an earlier run already sent (a run that was interrupted, a file dropped again) are not sent again: the
 * component's idempotency check on the tracking store reports them {@code ACCEPTED_EARLIER}.
 */
public final class FileToSms implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(FileToSms.class);
    /** Exchange property holding the file's {@link FileRun}, shared by the split's sub-exchanges. */
    public static final String RUN = "CamelSmsFileRun";
    /** Exchange property naming where the route moves the file: done, or error when it was not (fully) sent. */
    public static final String FOLDER = "CamelSmsFileFolder";
    /** Exchange property holding the rows of the batch being sent, in the order of the message list. */
    public static final String ROWS = "CamelSmsFileRows";
    /** Exchange property holding how many messages the batch sends (0: nothing to send). */
    public static final String MESSAGES = "CamelSmsFileMessages";
    /** A reason's "message[i]." prefix: its position in the batch, which the file's line number replaces. */
    private static final Pattern BATCH_POSITION = Pattern.compile("message\\[\\d+]\\.");
    /** The suffix an earlier run's files get when a file name is used again: when that run wrote its results. */
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final String provider;
    private final String defaultText;
    private final Path outbox;
    /** Where the routes move a file once it is done, or failed: {@code done/} and {@code error/} of the data dir. */
    private final List<Path> finished;
    /** The files being sent and the last ones done, for the status page. */
    private final RecentFileRuns recentRuns = new RecentFileRuns(RecentFileRuns.DEFAULT_DONE_KEPT);
    private CamelContext camelContext;
    private int batchSize;
    private ExecutorService reader;

    /** @param dataDir the app's data directory: {@code inbox/}, {@code outbox/}, {@code done/}, {@code error/} */
    public FileToSms(String provider, String defaultText, Path dataDir) {
        this.provider = provider;
        this.defaultText = defaultText == null || defaultText.isBlank() ? null : defaultText;
        this.outbox = dataDir.resolve("outbox");
        this.finished = List.of(dataDir.resolve("done"), dataDir.resolve("error"));
    }

    /** The split expression: the file's batches; opens the results and rejects files. */
    public Iterator<RecipientFile.Batch> batches(Exchange exchange) throws IOException {
        exchange.setProperty(FOLDER, "done");
        Path file = exchange.getMessage().getBody(java.io.File.class).toPath();
        String name = file.getFileName().toString();
        keepEarlierRun(name);
        FileRun run = new FileRun(name, provider, outbox);
        exchange.setProperty(RUN, run);
        recentRuns.started(run);
        if (Files.size(file) == 0) {
            LOG.info("{}: empty file, 0 rows", name);
            return Collections.emptyIterator();
        }
        RecipientFile recipients;
        try {
            recipients = RecipientFile.open(file, defaultText);
        } catch (RecipientFile.InvalidRecipientFileException e) {
            // an expected fault: said once, in the rejects and the log, without a stack trace
            run.countRead(1);
            run.reject(1, null, null, "file not read: " + e.getMessage());
            run.stop("file not read: " + e.getMessage());
            exchange.setProperty(FOLDER, "error");
            LOG.warn("{}: file not read, moved to error/: {}", name, e.getMessage());
            return Collections.emptyIterator();
        }
        ReadingAheadIterator batches = new ReadingAheadIterator(recipients, recipients.batches(batchSize), run,
                reader());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                batches.settle();
                abandon(run, recipients, failed.getException());
            }

            @Override
            public int getOrder() {
                return HIGHEST; // before camel-file moves the file to error/: its outputs are complete by then
            }
        });
        LOG.info("{}: sending with {} in batches of {}", name, provider, batchSize);
        return batches;
    }

    /** The threads that read each file's next batch while the route sends the current one. */
    private synchronized ExecutorService reader() {
        if (reader == null) {
            reader = camelContext.getExecutorServiceManager().newCachedThreadPool(this, "FileToSmsReader");
        }
        return reader;
    }

    /**
     * The send threw: the provider refused every message of the batch, or something else failed. The batch's rows
     * are written by {@link #writeInFlight}. A refusal for now (busy, rate limit, unreachable: the component already
     * retried) costs that batch only, and the file goes on. Anything else (the account refused, a failure outside
     * the provider) stops the file: no later batch is sent, the file is read on so that every later row is rejected
     * with the reason, and it moves to error/. One log line, no stack trace (only at DEBUG): an expected fault.
     */
    public void sendFailed(Exchange exchange) throws IOException {
        FileRun run = exchange.getProperty(RUN, FileRun.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        List<RecipientRow> batch = run.inFlight();
        boolean refused = writeInFlight(run, cause);
        boolean onlyThisBatch = rootSmsException(cause) instanceof SmsProviderException failure
                                && failure.getFailure() == SmsProviderException.Failure.REFUSED_TRY_LATER;
        if (onlyThisBatch) {
            run.sent();
            run.flush();
            LOG.warn("{}: the {} rows from line {} were refused for now ({}); the file goes on", run.progress(),
                    batch.size(), batch.get(0).line(), rootMessage(cause));
            return;
        }
        run.stop("sending stopped at line " + batch.get(0).line() + ": " + rootMessage(cause));
        run.sent();
        run.flush();
        LOG.error("{}: {}; the {} rows of that batch {}, the later rows are not sent", run.progress(),
                run.stoppedBecause(), batch.size(), refused ? "were refused" : "have an unknown outcome");
        LOG.debug("sending stopped", cause);
    }

    /**
     * The batch in flight when its send failed. When the provider refused every message of it, the component's result
     * says for each row why: rejects. When the provider may have acted (an unknown outcome the component could not
     * report as a result), its rows are UNKNOWN in the results, never sent again blindly. Any other failure happened
     * before a request left (the send's own checks, such as asking the tracking store what was sent earlier): its
     * rows are rejected as not sent. Returns whether the rows were rejected.
     */
    private boolean writeInFlight(FileRun run, Throwable cause) throws IOException {
        Throwable root = rootSmsException(cause);
        if (root instanceof SmsProviderException refused && refused.getSendResult() != null) {
            write(run, run.inFlight(), refused.getSendResult());
            return true;
        }
        boolean unknown = root instanceof SmsProviderException failure && failure.isUnknown();
        String why = rootMessage(cause);
        for (RecipientRow row : run.inFlight()) {
            if (unknown) {
                run.result(row.line(), row.rowId(), row.phone(), Outcome.UNKNOWN, provider, null, null,
                        "may have reached " + provider + ": " + why);
            } else {
                run.reject(row.line(), row.rowId(), row.phone(), "not sent: " + why);
            }
        }
        return !unknown;
    }

    /** The split and the error handler wrap the component's exception; its message is the one that says why. */
    private static Throwable rootSmsException(Throwable cause) {
        Throwable root = cause;
        while (root != null && root.getCause() != null && !(root instanceof SmsException)) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * Why, in words fit for a row's reason: a provider's failure as its code and meaning, without the component's
     * "[refused ...]" or "[outcome unknown ...]" tag (the component did retry; for this row, nothing more is tried).
     */
    private static String rootMessage(Throwable cause) {
        Throwable root = rootSmsException(cause);
        if (root instanceof SmsProviderException failure) {
            String status = "HTTP " + failure.getHttpStatus();
            return failure.getProvider() + (failure.getProviderCode() != null ? " code " + failure.getProviderCode()
                    : "") + ": " + failure.getMeaning() + (failure.getHttpStatus() > 0
                    && !failure.getMeaning().contains(status) ? " (" + status + ")" : "");
        }
        return root == null ? "the route failed" : String.valueOf(root.getMessage());
    }

    /**
     * The route failed part-way for a reason {@link #sendFailed} did not see (a failure outside the send, such as the
     * tracking store): still every row is written. The batch in flight as {@link #writeInFlight} says, the batches
     * the split had read ahead row by row as not sent, and one reject for the lines not read. The output files and
     * the recipient file are closed; camel-file moves the file to error/.
     */
    private void abandon(FileRun run, RecipientFile recipients, Exception cause) {
        if (run.isClosed()) {
            return;
        }
        String why = rootMessage(cause);
        if (run.stoppedBecause() == null) { // the status page shows the file as stopped, as it moves to error/
            run.stop("sending stopped: " + why);
        }
        boolean refused = false;
        try (recipients; run) {
            refused = writeInFlight(run, cause);
            for (RecipientFile.Batch batch : run.takenNotPrepared()) { // read ahead by the split, never sent
                run.countRead(batch.rows().size() + batch.rejects().size());
                for (RowReject reject : batch.rejects()) {
                    run.reject(reject.line(), reject.rowId(), reject.phone(), reject.reason());
                }
                for (RecipientRow row : batch.rows()) {
                    run.reject(row.line(), row.rowId(), row.phone(), "not sent: sending stopped: " + why);
                }
            }
            RowReject rest = recipients.rest("sending stopped: " + why);
            if (rest != null) {
                run.countRead(1);
                run.reject(rest.line(), null, null, rest.reason());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: could not write where every row went", run.progress(), e);
        }
        recentRuns.finished(run);
        String inFlight = run.inFlight().isEmpty() ? "" : "; the " + run.inFlight().size() + " rows in flight "
                + (refused ? "were refused" : "have an unknown outcome");
        LOG.error("stopped {}{}; sending stopped: {}", run.progress(), inFlight, why);
        LOG.debug("sending stopped", cause);
    }

    /** Before the send: writes the reader's rejects, leaves the batch's messages as body. */
    public void prepare(Exchange exchange) throws IOException {
        FileRun run = exchange.getProperty(RUN, FileRun.class);
        RecipientFile.Batch batch = exchange.getMessage().getBody(RecipientFile.Batch.class);
        run.prepared(batch);
        run.countRead(batch.rows().size() + batch.rejects().size());
        for (RowReject reject : batch.rejects()) {
            run.reject(reject.line(), reject.rowId(), reject.phone(), reject.reason());
        }
        if (run.stoppedBecause() != null) { // read on only to write where each row went
            for (RecipientRow row : batch.rows()) {
                run.reject(row.line(), row.rowId(), row.phone(), "not sent: " + run.stoppedBecause());
            }
            exchange.getMessage().setBody(List.of());
            exchange.setProperty(MESSAGES, 0);
            return;
        }
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        List<SmsMessage> messages = new ArrayList<>(batch.rows().size());
        for (RecipientRow row : batch.rows()) {
            // kept with the message in the tracking store: a later conflict on its external id names this line
            messages.add(row.toMessage(fileName + " line " + row.line()));
        }
        run.sending(batch.rows());
        exchange.setProperty(ROWS, batch.rows());
        exchange.setProperty(MESSAGES, messages.size());
        exchange.getMessage().setBody(messages);
    }

    /** After the send: a results line per row accepted (now or earlier) or unknown, a rejects line per rejected row. */
    public void record(Exchange exchange) throws IOException {
        FileRun run = exchange.getProperty(RUN, FileRun.class);
        @SuppressWarnings("unchecked")
        List<RecipientRow> rows = exchange.getProperty(ROWS, List.class);
        SendResult result = exchange.getMessage().getBody(SendResult.class);
        write(run, rows, result);
        run.sent();
        run.flush();
        LOG.info(run.progress());
        // this batch's request may have reached the provider: keep what is in doubt to it, the provider may be failing
        List<RecipientResult> inDoubt = result.unknown().stream()
                .filter(r -> !r.reason().startsWith(SendJob.NOT_SENT_AGAIN)).toList();
        if (!inDoubt.isEmpty()) {
            run.stop("sending stopped at line " + rows.get(inDoubt.get(0).index()).line() + ": " + inDoubt.size()
                     + " rows have an unknown outcome (" + inDoubt.get(0).reason() + ")");
            LOG.error("{}: {}; the later rows are not sent", run.progress(), run.stoppedBecause());
        }
    }

    /** Each row of a send where its result says: results (with the reason of an unknown outcome) or rejects. */
    private void write(FileRun run, List<RecipientRow> rows, SendResult result) throws IOException {
        run.writeAll(result.recipients(), (r, lines) -> {
            RecipientRow row = rows.get(r.index());
            if (r.outcome() == Outcome.REJECTED) {
                lines.reject(row.line(), row.rowId(), row.phone(), BATCH_POSITION.matcher(r.reason()).replaceAll(""));
            } else {
                // through sms:, each row says which provider took it
                lines.result(row.line(), row.rowId(), r.recipient(), r.outcome(),
                        r.provider() != null ? r.provider() : provider, r.batchId(),
                        r.providerMessageId(), r.outcome() == Outcome.UNKNOWN ? r.reason() : null);
            }
        });
    }

    /**
     * When every message of a batch broke the provider's rules the producer sends nothing and says why for each:
     * those rows become rejects with their lines, and the file goes on.
     */
    public void rejectInvalid(Exchange exchange) throws IOException {
        FileRun run = exchange.getProperty(RUN, FileRun.class);
        @SuppressWarnings("unchecked")
        List<RecipientRow> rows = exchange.getProperty(ROWS, List.class);
        SmsValidationException invalid = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, SmsValidationException.class);
        // one line per row: its own violations plus any that concern the whole request (index < 0)
        Map<Integer, List<String>> reasons = new TreeMap<>();
        List<String> wholeRequest = new ArrayList<>();
        for (Violation violation : invalid.getViolations()) {
            String reason = violation.field() + ": " + violation.problem();
            if (violation.index() < 0) {
                wholeRequest.add(reason);
            } else {
                reasons.computeIfAbsent(violation.index(), i -> new ArrayList<>()).add(reason);
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            List<String> rowReasons = new ArrayList<>(wholeRequest);
            rowReasons.addAll(reasons.getOrDefault(i, List.of()));
            RecipientRow row = rows.get(i);
            run.reject(row.line(), row.rowId(), row.phone(), String.join("; ", rowReasons));
        }
        run.sent();
        run.flush();
        LOG.info(run.progress());
    }

    /** After the last batch: the summary line; closes the output files; error/ for a file whose sending stopped. */
    public void finish(Exchange exchange) throws IOException {
        FileRun run = exchange.getProperty(RUN, FileRun.class);
        if (run != null) {
            try {
                run.close();
            } finally {
                recentRuns.finished(run);
            }
            if (run.unaccounted() == 0) {
                LOG.info("done {}", run.progress());
            } else { // a bug, not a fault of the file: say it loudly rather than let rows vanish
                LOG.error("done {}; {} rows are in neither the results nor the rejects file", run.progress(),
                        run.unaccounted());
            }
            Message message = exchange.getMessage();
            message.setHeader("CamelSmsFileAccepted", run.count(Outcome.ACCEPTED));
            message.setHeader("CamelSmsFileRejected", run.count(Outcome.REJECTED));
            message.setHeader("CamelSmsFileSkipped", run.count(Outcome.ACCEPTED_EARLIER));
            message.setHeader("CamelSmsFileUnknown", run.count(Outcome.UNKNOWN));
            if (run.stoppedBecause() != null) {
                exchange.setProperty(FOLDER, "error"); // this is the file's exchange; the split's copies are not
            }
        }
    }

    /**
     * A file name used again: the earlier run of that name finished (its file is in done/ or error/), so its file and
     * its results and rejects are kept under the name plus the time that run ended, and this run starts afresh. A
     * run that did not finish (killed mid-file) left its file in the inbox and nothing here: it is resumed instead.
     */
    private void keepEarlierRun(String name) throws IOException {
        List<Path> earlier = new ArrayList<>();
        for (Path folder : finished) {
            if (Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                earlier.add(folder.resolve(name));
            }
        }
        if (earlier.isEmpty()) {
            return;
        }
        Path results = outbox.resolve(name + ".results.csv");
        Path ended = Files.exists(results) ? results : earlier.get(0);
        String stamp = RUN_TIME.format(Files.getLastModifiedTime(ended).toInstant());
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String kept = stem + "." + stamp + extension;
        for (int n = 2; taken(kept); n++) {
            kept = stem + "." + stamp + "-" + n + extension;
        }
        for (Path file : earlier) {
            Files.move(file, file.resolveSibling(kept));
        }
        for (String output : List.of(".results.csv", ".rejects.csv")) {
            if (Files.exists(outbox.resolve(name + output))) {
                Files.move(outbox.resolve(name + output), outbox.resolve(kept + output));
            }
        }
        LOG.info("{}: the name was used before; that run's files are kept as {}", name, kept);
    }

    private boolean taken(String name) {
        return finished.stream().anyMatch(folder -> Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS))
               || Files.exists(outbox.resolve(name + ".results.csv"));
    }

    /** The files this route is sending and the last ones it finished, with their counts. */
    public RecentFileRuns recentRuns() {
        return recentRuns;
    }

    /** Reads the chosen provider's batch size, {@code sms.batch-size.<provider>}. */
    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        String key = "sms.batch-size." + provider;
        this.batchSize = camelContext.getPropertiesComponent().resolveProperty(key).map(Integer::parseInt)
                .orElseThrow(() -> new IllegalArgumentException("property " + key + " is not set"));
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /**
     * The file's batches, each read on a reader thread while the route sends the one before (reading and parsing
     * the CSV is most of the route thread's own work); one batch ahead, so memory stays flat. The file is read by
     * one thread at a time, each read handed over through a Future. Closes the file when the split has read the
     * last batch (or gives up early).
     */
    private static final class ReadingAheadIterator implements Iterator<RecipientFile.Batch>, Closeable {
        private final RecipientFile file;
        private final Iterator<RecipientFile.Batch> batches;
        private final FileRun run;
        private final ExecutorService reader;
        /** The next batch, read or being read; its value is null at the end of the file. Null once settled. */
        private Future<RecipientFile.Batch> ahead;

        ReadingAheadIterator(RecipientFile file, Iterator<RecipientFile.Batch> batches, FileRun run,
                             ExecutorService reader) {
            this.file = file;
            this.batches = batches;
            this.run = run;
            this.reader = reader;
            this.ahead = readAhead();
        }

        private Future<RecipientFile.Batch> readAhead() {
            return reader.submit(() -> batches.hasNext() ? batches.next() : null);
        }

        @Override
        public synchronized boolean hasNext() {
            boolean more = peek() != null;
            if (!more) {
                closeQuietly();
            }
            return more;
        }

        /** The split may take the next batch before the one in flight is done: the run knows it is read. */
        @Override
        public synchronized RecipientFile.Batch next() {
            RecipientFile.Batch batch = peek();
            if (batch == null) {
                throw new NoSuchElementException();
            }
            run.taken(batch);
            ahead = readAhead();
            return batch;
        }

        /** The batch read ahead, waiting for it; null at the end of the file (or once settled). */
        private RecipientFile.Batch peek() {
            if (ahead == null) {
                return null;
            }
            try {
                return ahead.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the recipient file", e);
            } catch (ExecutionException e) {
                // what reading threw, as if it were read on this thread
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /**
         * The split stopped: a batch read ahead counts as taken, so that its rows are written as not sent with the
         * others; nothing is read any more.
         */
        synchronized void settle() {
            try {
                RecipientFile.Batch batch = peek();
                if (batch != null) {
                    run.taken(batch);
                }
            } catch (RuntimeException e) {
                LOG.debug("reading ahead failed as the file was given up", e);
            } finally {
                ahead = null;
            }
        }

        @Override
        public void close() {
            settle();
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                file.close();
            } catch (IOException e) {
                LOG.debug("closing the recipient file failed", e);
            }
        }
    }
}
