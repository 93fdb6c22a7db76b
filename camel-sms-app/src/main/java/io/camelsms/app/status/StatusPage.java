package io.camelsms.app.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.Json;
import io.camelsms.tracking.TrackingStore;

/**
 * The app's read-only operator view ({@link StatusRoutes}): per file and per provider, rows read, accepted and
 * rejected, and of the accepted how many are delivered, failed, expired and pending; and those statuses over time.
 * Served as HTML (numbers rendered by the server: it works without JavaScript) and as JSON. No phone number and no
 * secret is shown: the counts carry none, and a stopped run's reason has any number in it masked.
 */
public final class StatusPage implements CamelContextAware {

    /** Where the script that refreshes the page is kept. */
    private static final String SCRIPT = "io/camelsms/app/status/status.js";
    /** A phone number in free text: a digit, 6 or more digits, spaces, dots, dashes or brackets, a digit. */
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?\\d[\\d ().-]{6,}\\d");
    /**
     * The page loads nothing from elsewhere and runs only its own script; no frame may embed it. Inline styles only
     * (one small style element).
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self';"
            + " style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);
    /**
     * The chart's sampler uses at most 1/this of one core: a sample's count is one pass over an index that grows with
     * the store (about a second of CPU at a million messages on H2), so after a sample that took t the timer's next
     * firings are skipped until this many t have passed.
     */
    static final int SAMPLE_COST_FACTOR = 20;

    private final AtomicBoolean storeUnreadable = new AtomicBoolean();
    private final RecentFileRuns runs;
    private final StatusHistory history;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private long nextSampleNanos;
    private final String script;
    private CamelContext camelContext;

    public StatusPage(RecentFileRuns runs) {
        this(runs, new StatusHistory(StatusHistory.DEFAULT_CAPACITY), Clock.systemUTC(), System::nanoTime);
    }

    StatusPage(RecentFileRuns runs, StatusHistory history, Clock clock, LongSupplier nanoTime) {
        this.runs = runs;
        this.history = history;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.nextSampleNanos = nanoTime.getAsLong();
        this.script = resource(SCRIPT);
    }

    /**
     * The numbers as of now: the runs' counts, and the tracking store's (read-only, indexed counts). When the store
     * cannot be read, the runs' counts are still shown and the statuses are null.
     */
    public StatusReport report() {
        Map<String, Map<DeliveryStatus, Long>> byProvider = fromStore(TrackingStore::statusCountsByProvider);
        boolean readable = byProvider != null;
        List<StatusReport.FileStatus> files = new ArrayList<>();
        for (FileRunSummary run : runs.files()) {
            StatusTotals tracked = readable ? fromStore(store -> StatusTotals.of(store.statusCounts(run.provider(),
                    run.name()))) : null;
            files.add(new StatusReport.FileStatus(run.name(), run.provider(), run.state(), run.startedAt(),
                    run.finishedAt(), run.counts(), tracked, maskPhoneNumbers(run.stoppedBecause())));
        }
        Map<String, FileCounts> rowsByProvider = runs.totalsByProvider();
        Set<String> names = new TreeSet<>(rowsByProvider.keySet());
        if (readable) {
            names.addAll(byProvider.keySet());
        }
        List<StatusReport.ProviderStatus> providers = names.stream().map(provider -> new StatusReport.ProviderStatus(
                provider, rowsByProvider.getOrDefault(provider, FileCounts.NONE),
                readable ? StatusTotals.of(byProvider.getOrDefault(provider, Map.of())) : null)).toList();
        return new StatusReport(clock.instant(), readable, files, providers, history.samples());
    }

    /**
     * Takes one sample of every tracked message's status for the chart (the status-history route's timer); none
     * while the store cannot be read, and none until {@value #SAMPLE_COST_FACTOR} times the last sample's duration
     * has passed.
     */
    public synchronized void sample() {
        long start = nanoTime.getAsLong();
        if (start - nextSampleNanos < 0) {
            return;
        }
        Map<String, Map<DeliveryStatus, Long>> byProvider = fromStore(TrackingStore::statusCountsByProvider);
        nextSampleNanos = start + (nanoTime.getAsLong() - start) * SAMPLE_COST_FACTOR;
        if (byProvider == null) {
            return;
        }
        StatusTotals totals = StatusTotals.NONE;
        for (Map<DeliveryStatus, Long> counts : byProvider.values()) {
            totals = totals.plus(StatusTotals.of(counts));
        }
        history.add(new StatusHistory.Sample(clock.instant(), totals));
    }

    /**
     * What the store answers, or null when there is none or it cannot be read now (a database that is down): an
     * expected fault, said in one log line when it starts and one when it ends, its stack trace at DEBUG only.
     */
    private <T> T fromStore(Function<TrackingStore, T> read) {
        TrackingStore store = camelContext.getRegistry().findSingleByType(TrackingStore.class);
        if (store == null) {
            return null;
        }
        try {
            T answer = read.apply(store);
            if (storeUnreadable.compareAndSet(true, false)) {
                LOG.info("Status page: the tracking store can be read again");
            }
            return answer;
        } catch (RuntimeException e) {
            if (storeUnreadable.compareAndSet(false, true)) {
                LOG.warn("Status page: the tracking store cannot be read ({}); statuses are left out until it can",
                        e.getMessage());
            }
            LOG.debug("Status page: reading the tracking store failed", e);
            return null;
        }
    }

    /** GET /sms/status: the page, numbers rendered here. */
    public void html(Exchange exchange) {
        respond(exchange, "text/html; charset=utf-8", StatusHtml.render(report()));
    }

    /** GET /sms/status.json: the same numbers. */
    public void json(Exchange exchange) throws JsonProcessingException {
        respond(exchange, "application/json", Json.MAPPER.writeValueAsString(report()));
    }

    /** GET /sms/status.js: the script that refreshes the page's numbers. */
    public void script(Exchange exchange) {
        respond(exchange, "text/javascript; charset=utf-8", script);
    }

    /** Only the headers set here go back: the request's are never echoed (the route removed them). */
    private static void respond(Exchange exchange, String contentType, String body) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        message.setBody(body);
    }

    /** Keeps the last two digits of each number: enough to tell numbers apart in a reason, never the number. */
    static String maskPhoneNumbers(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PHONE_NUMBER.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("\\D", "");
            matcher.appendReplacement(masked, "•".repeat(digits.length() - 2) + digits.substring(digits.length() - 2));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }

    private static String resource(String name) {
        try (InputStream in = StatusPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the app's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
