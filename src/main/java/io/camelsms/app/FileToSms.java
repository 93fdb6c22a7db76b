package io.camelsms.app;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
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
    /** Exchange property holding the rows of the batch being sent, in the order of the message list. */
    public static final String ROWS = "CamelSmsFileRows";
    /** A reason's "message[i]." prefix: its position in the batch, which the file's line number replaces. */
    private static final Pattern BATCH_POSITION = Pattern.compile("message\\[\\d+]\\.");

    private final String provider;
    private final String defaultText;
    private final Path outbox;
    private CamelContext camelContext;
    private int batchSize;

    public FileToSms(String provider, String defaultText, Path outbox) {
        this.provider = provider;
        this.defaultText = defaultText == null || defaultText.isBlank() ? null : defaultText;
        this.outbox = outbox;
    }

    /** The split expression: the file's batches; opens the results and rejects files. */
    public Iterator<RecipientFile.Batch> batches(Exchange exchange) throws IOException {
        Path file = exchange.getMessage().getBody(java.io.File.class).toPath();
        String name = file.getFileName().toString();
        FileRun run = new FileRun(name, outbox);
        exchange.setProperty(RUN, run);
        RecipientFile recipients;
        try {
            recipients = RecipientFile.open(file, defaultText);
        } catch (RecipientFile.InvalidRecipientFileException e) {
            run.reject(0, null, null, "file not read: " + e.getMessage());
            run.close();
            throw e;
        }
        LOG.info("{}: sending with {} in batches of {}", name, provider, batchSize);
        return new ClosingIterator(recipients, recipients.batches(batchSize));
    }

    /** Before the send: writes the reader's rejects, leaves the batch's messages as body. */
    public void prepare(Exchange exchange) throws IOException {
        FileRun run = exchange.getProperty(RUN, FileRun.class);
        RecipientFile.Batch batch = exchange.getMessage().getBody(RecipientFile.Batch.class);
        run.countRead(batch.rows().size() + batch.rejects().size());
        for (RowReject reject : batch.rejects()) {
            run.reject(reject.line(), reject.rowId(), reject.phone(), reject.reason());
        }
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        List<SmsMessage> messages = new ArrayList<>(batch.rows().size());
        for (RecipientRow row : batch.rows()) {
            // kept with the message in the tracking store: a later conflict on its external id names this line
            messages.add(row.toMessage().toBuilder()
                    .option(SmsMessage.ORIGIN_OPTION, fileName + " line " + row.line()).build());
        }
        exchange.setProperty(ROWS, batch.rows());
        exchange.getMessage().setBody(messages);
    }

    /** After the send: one results line per accepted row, one rejects line per rejected row, with its file line. */
    public void record(Exchange exchange) throws IOException {
        FileRun run = exchange.getProperty(RUN, FileRun.class);
        @SuppressWarnings("unchecked")
        List<RecipientRow> rows = exchange.getProperty(ROWS, List.class);
        SendResult result = exchange.getMessage().getBody(SendResult.class);
        long accepted = 0;
        long earlier = 0;
        for (RecipientResult r : result.recipients()) {
            RecipientRow row = rows.get(r.index());
            if (r.accepted()) {
                run.result(row.line(), row.rowId(), r.recipient(), "ACCEPTED", provider, r.batchId(),
                        r.providerMessageId());
                accepted++;
            } else if (r.outcome() == RecipientResult.Outcome.ACCEPTED_EARLIER) {
                // the library's idempotency check: this row's external id was sent with this content before
                run.result(row.line(), row.rowId(), r.recipient(), "ACCEPTED_EARLIER", provider, r.batchId(),
                        r.providerMessageId());
                earlier++;
            } else {
                run.reject(row.line(), row.rowId(), row.phone(), BATCH_POSITION.matcher(r.reason()).replaceAll(""));
            }
        }
        run.countAccepted(accepted);
        run.countSkipped(earlier);
        run.flush();
        LOG.info(run.progress());
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
        run.flush();
        LOG.info(run.progress());
    }

    /** After the last batch: the summary line; closes the output files. */
    public void finish(Exchange exchange) throws IOException {
        FileRun run = exchange.getProperty(RUN, FileRun.class);
        if (run != null) {
            run.close();
            LOG.info("done {}", run.progress());
            Message message = exchange.getMessage();
            message.setHeader("CamelSmsFileAccepted", run.accepted());
            message.setHeader("CamelSmsFileRejected", run.rejected());
            message.setHeader("CamelSmsFileSkipped", run.skipped());
        }
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

    /** Closes the file when the split has read the last batch (or gives up early). */
    private static final class ClosingIterator implements Iterator<RecipientFile.Batch>, Closeable {
        private final RecipientFile file;
        private final Iterator<RecipientFile.Batch> batches;

        ClosingIterator(RecipientFile file, Iterator<RecipientFile.Batch> batches) {
            this.file = file;
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            boolean more = batches.hasNext();
            if (!more) {
                closeQuietly();
            }
            return more;
        }

        @Override
        public RecipientFile.Batch next() {
            return batches.next();
        }

        @Override
        public void close() {
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
