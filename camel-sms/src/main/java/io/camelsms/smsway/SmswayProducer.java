package io.camelsms.smsway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.Json;
import io.camelsms.core.MessageRules;
import io.camelsms.core.OutgoingMessages;
import io.camelsms.core.PhoneNumbers;
import io.camelsms.core.Prepared;
import io.camelsms.core.QuotaExceededException;
import io.camelsms.core.QuotaThrottle;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.RetryPolicy;
import io.camelsms.core.SendJob;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsException;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsText;
import io.camelsms.core.SmsValidationException;
import io.camelsms.core.Violation;
import io.camelsms.observability.SmsHealthChecks;
import io.camelsms.smsway.model.SmswayCode;
import io.camelsms.smsway.model.SmswayLastRequest;
import io.camelsms.smsway.model.SmswaySendRequest;
import io.camelsms.smsway.model.SmswaySms;
import io.camelsms.smsway.model.SmswayState;
import io.camelsms.smsway.model.SmswayUserInfo;
import io.camelsms.smsway.model.SmswayUserUpdate;

/**
 * The four calls of the SmsWay remote API. Sends go one call per recipient, in parallel up to {@code concurrency},
 * each first taking a permit from the account's {@link QuotaThrottle} (a retried call takes another: the provider
 * counts every request).
 */
public class SmswayProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(SmswayProducer.class);

    static final String PROVIDER = SmswayApi.PROVIDER;
    /** Per-message field a caller sets through {@link SmsMessage#options()}. */
    static final String SIM = "sim";
    /** Added to each quota window: the provider stamps a request a little after we send it. */
    static final Duration QUOTA_MARGIN = Duration.ofSeconds(1);
    /** Detail key of the send time of each accepted message, by external id (what status matching needs). */
    public static final String REQUESTED_AT = "requestedAt";

    private final SmswayConfiguration configuration;
    private SmswayApi api;
    private RetryPolicy retryPolicy;
    private ExecutorService sendPool;
    private QuotaThrottle throttle;
    private Clock clock;
    private QuotaThrottle.Sleeper sleeper;
    private volatile List<QuotaThrottle.Window> quotas;
    private SmsHealthChecks.Registration healthChecks = SmsHealthChecks.Registration.NONE;

    public SmswayProducer(SmswayEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        api = new SmswayApi(configuration);
        if (configuration.getConcurrency() < 1) {
            throw new IllegalArgumentException("smsway: concurrency must be at least 1, was "
                                               + configuration.getConcurrency());
        }
        if (configuration.getMaxPerMinute() < 0 || configuration.getMaxPerHour() < 0
                || configuration.getMaxPerDay() < 0 || configuration.getMaxQuotaWait() < 0) {
            throw new IllegalArgumentException("smsway: maxPerMinute, maxPerHour, maxPerDay and maxQuotaWait must be"
                                               + " 0 or more");
        }
        retryPolicy = api.retryPolicy();
        throttle = SmswayAccountQuotas.of(configuration.getTokenapi(), configuration.getTrackingStore());
        clock = configuration.getQuotaClock() != null ? configuration.getQuotaClock() : Clock.systemUTC();
        sleeper = configuration.getQuotaSleeper() != null ? configuration.getQuotaSleeper() : QuotaThrottle.Sleeper.REAL;
        quotas = configuration.isQuotasFromUserinfo() ? null : windows(0, 0, 0);
        if (configuration.getOperation() == SmswayOperation.send) {
            sendPool = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newFixedThreadPool(this, "SmswaySend", configuration.getConcurrency());
        }
        healthChecks = SmsHealthChecks.registerProducer((SmswayEndpoint) getEndpoint());
    }

    @Override
    protected void doStop() throws Exception {
        healthChecks.close();
        if (sendPool != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(sendPool);
            sendPool = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (configuration.getOperation()) {
            case send -> send(exchange);
            case last -> last(exchange);
            case userinfo -> exchange.getMessage().setBody(api.userinfo());
            case updateUserinfo -> updateUserinfo(exchange);
            default -> throw new IllegalStateException("smsway: unknown operation " + configuration.getOperation());
        }
    }

    // ---- send

    private void send(Exchange exchange) throws Exception {
        List<SmsMessage> messages = OutgoingMessages.from(exchange);
        SendJob<SmswaySendRequest> job = new SendJob<>(PROVIDER, messages.size(), configuration);
        job.prepareAll(messages, (index, message) -> prepare(index, message, job));
        Map<String, Instant> requestedAt = new LinkedHashMap<>();
        // one "batch" holding every valid message: sendAll runs them one call each, in parallel
        SendResult result = job.send(Math.max(1, messages.size()), ready -> sendAll(ready, requestedAt));
        OutgoingMessages.setResult(exchange, new SendResult(result.provider(), result.batchIds(), result.recipients(),
                requestedAt.isEmpty() ? null : Map.of(REQUESTED_AT, requestedAt)));
    }

    private Prepared<SmswaySendRequest> prepare(int index, SmsMessage message, SendJob<SmswaySendRequest> job) {
        MessageRules rules = new MessageRules(index);
        String recipient = null;
        try {
            recipient = PhoneNumbers.parse(message.recipient(), configuration.getDefaultRegion()).digits();
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            rules.invalidNumber("recipient", e.getMessage());
        }
        // counted after the line breaks became \r\n, as the provider counts them: two characters each
        String text = SmswayTexts.withCrlf(message.text());
        rules.required("smstext", text);
        if (text != null && text.length() > SmswaySendRequest.MAX_SMSTEXT) {
            if (configuration.isTruncateText()) {
                text = SmswayTexts.cut(text, SmswaySendRequest.MAX_SMSTEXT);
            } else {
                rules.textTooLong("smstext", text.length() + " characters, at most " + SmswaySendRequest.MAX_SMSTEXT
                                      + " (each line break counts 2, as \\r\\n; the provider would cut the rest;"
                                      + " truncateText=true sends the first " + SmswaySendRequest.MAX_SMSTEXT + ")");
            }
        }
        Integer sim = sim(message, rules);
        String externalId = message.externalId() != null ? message.externalId() : SendJob.newExternalId();
        SmsText cost = SmsText.of(text);
        if (!rules.ok()) {
            job.invalid(index, recipient != null ? recipient : message.recipient(), externalId, cost, rules);
            return null;
        }
        return new Prepared<>(index, recipient, externalId, cost,
                new SmswaySendRequest(api.keyInBody(), recipient, text, sim));
    }

    private Integer sim(SmsMessage message, MessageRules rules) {
        String own = message.option(SIM);
        Integer sim = configuration.getSim();
        if (own != null && !own.isBlank()) {
            try {
                sim = Integer.valueOf(own.strip());
            } catch (NumberFormatException e) {
                rules.fail("sim", "'" + own + "' is not a slot number");
                return null;
            }
        }
        if (sim != null && sim < SmswaySendRequest.SIM_AUTO) {
            rules.fail("sim", sim + " is not a slot (0, 1, ...) or -1 (slot 0)");
        }
        return sim;
    }

    /**
     * Sends each message with its own call, at most {@code concurrency} at once. Once the account cannot send
     * (credentials, credits, threshold, quota wait), the messages not yet sent are reported, not tried.
     */
    private SendJob.BatchOutcome sendAll(List<Prepared<SmswaySendRequest>> ready, Map<String, Instant> requestedAt)
            throws Exception {
        List<QuotaThrottle.Window> windows = quotas();
        RecipientResult[] results = new RecipientResult[ready.size()];
        Exception[] failures = new Exception[ready.size()];
        Instant[] sentAt = new Instant[ready.size()];
        AtomicReference<Exception> accountStop = new AtomicReference<>();
        List<Future<?>> calls = new ArrayList<>(ready.size());
        for (int i = 0; i < ready.size(); i++) {
            int slot = i;
            Prepared<SmswaySendRequest> message = ready.get(i);
            calls.add(sendPool.submit(() -> {
                Exception stop = accountStop.get();
                if (stop != null) {
                    results[slot] = message.rejected("not sent: " + stop.getMessage());
                    return;
                }
                try {
                    sentAt[slot] = sendOne(message, windows);
                    results[slot] = message.accepted(null, null);
                } catch (Exception e) {
                    failures[slot] = e;
                    results[slot] = e instanceof SmsProviderException provider ? message.failed(provider)
                            : message.rejected(e.getMessage());
                    if (isAccountWide(e)) {
                        accountStop.compareAndSet(null, e);
                    }
                }
            }));
        }
        try {
            for (Future<?> call : calls) {
                call.get();
            }
        } catch (InterruptedException e) {
            calls.forEach(call -> call.cancel(true));
            Thread.currentThread().interrupt();
            throw new SmsException(PROVIDER, "interrupted while sending", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("smsway: a send task failed unexpectedly", e.getCause());
        }
        boolean anyMayHaveActed = false;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < results.length; i++) {
            anyMayHaveActed |= results[i].outcome() == RecipientResult.Outcome.UNKNOWN;
            if (results[i].accepted()) {
                anyMayHaveActed = true;
                Instant at = sentAt[i];
                String id = messageId(ready.get(i), at);
                while (!ids.add(id)) {
                    // identical text to one number sent in the same millisecond: keep the ids (and tracking) apart
                    at = at.plusMillis(1);
                    id = messageId(ready.get(i), at);
                }
                results[i] = ready.get(i).accepted(null, id);
                requestedAt.put(results[i].externalId(), at);
            }
        }
        if (!anyMayHaveActed) {
            // every message refused: the first failure is the answer, and the caller may safely send it all again
            for (Exception failure : failures) {
                if (failure != null) {
                    throw failure;
                }
            }
        }
        return new SendJob.BatchOutcome(null, List.of(results));
    }

    /** The id delivery tracking finds the message by again in smsgetlast: see {@link SmswayStatusMatch}. */
    private static String messageId(Prepared<SmswaySendRequest> message, Instant sentAt) {
        return SmswayStatusMatch.messageId(message.wire().recipient(), message.wire().smstext(), sentAt);
    }

    private Instant sendOne(Prepared<SmswaySendRequest> message, List<QuotaThrottle.Window> windows) throws Exception {
        return retryPolicy.call("smsway smssend of message[" + message.index() + "]", () -> {
            QuotaThrottle.Permit permit = throttle.acquire(PROVIDER, windows, clock, sleeper,
                    Duration.ofMillis(configuration.getMaxQuotaWait()));
            try {
                api.call(SmswayOperation.send, message.wire());
                return permit.grantedAt();
            } finally {
                permit.done();
            }
        });
    }

    private static boolean isAccountWide(Exception e) {
        if (e instanceof QuotaExceededException) {
            return true;
        }
        if (e instanceof SmsProviderException provider && provider.getProviderCode() != null) {
            SmswayCode code = SmswayCode.of(Integer.parseInt(provider.getProviderCode()));
            return code != null && code.accountWide();
        }
        return false;
    }

    /** The quotas to respect; with quotasFromUserinfo, read once, on the first send. */
    private List<QuotaThrottle.Window> quotas() throws Exception {
        List<QuotaThrottle.Window> known = quotas;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (quotas == null) {
                SmswayUserInfo info = api.userinfo();
                quotas = windows(orZero(info.maxmin()), orZero(info.maxhour()), orZero(info.maxday()));
                LOG.info("smsway: quotas from userinfo: {} per minute, {} per hour, {} per day (0 = no limit)",
                        info.maxmin(), info.maxhour(), info.maxday());
            }
            return quotas;
        }
    }

    private List<QuotaThrottle.Window> windows(int perMinute, int perHour, int perDay) {
        return List.of(
                new QuotaThrottle.Window(Duration.ofMinutes(1).plus(QUOTA_MARGIN),
                        stricter(configuration.getMaxPerMinute(), perMinute)),
                new QuotaThrottle.Window(Duration.ofHours(1).plus(QUOTA_MARGIN),
                        stricter(configuration.getMaxPerHour(), perHour)),
                new QuotaThrottle.Window(Duration.ofDays(1).plus(QUOTA_MARGIN),
                        stricter(configuration.getMaxPerDay(), perDay)));
    }

    /** The smaller limit, where 0 means none. */
    private static int stricter(int a, int b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    // ---- last, userinfo, updateUserinfo

    private void last(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        Integer fromHeader = in.getHeader(SmswayConstants.QTY, Integer.class);
        int qty = fromHeader != null ? fromHeader : configuration.getQty();
        if (qty < 1 || qty > SmswayLastRequest.MAX_QTY) {
            throw new SmsValidationException(PROVIDER, List.of(new Violation(0, "qty",
                    qty + " is outside 1.." + SmswayLastRequest.MAX_QTY + " (the document's maximum)")));
        }
        List<SmswaySms> entries = api.last(qty);
        in.setBody(entries.stream().map(SmswayProducer::report).toList());
        in.setHeader(SmswayConstants.ENTRIES, entries);
        in.setHeader(SmswayConstants.PROVIDER, PROVIDER);
    }

    /** One smsgetlast entry as a delivery report, keyed by the entry itself (smsway:last). */
    static DeliveryReport report(SmswaySms entry) {
        return report(entry, SmswayStatusMatch.entryKey(entry), entry.recipient());
    }

    /**
     * One smsgetlast entry as a delivery report of the message {@code messageId} sent to {@code recipient}; the
     * state's meaning goes in {@code detail}.
     */
    static DeliveryReport report(SmswaySms entry, String messageId, String recipient) {
        SmswayState state = SmswayState.of(entry.state());
        Instant at = entry.deliveredAt() != null ? entry.deliveredAt() : entry.requestedAt();
        return new DeliveryReport(PROVIDER, messageId, null, recipient, null,
                state == null ? DeliveryStatus.UNKNOWN : state.status(), String.valueOf(entry.state()), at,
                state == null ? "state not in the document" : state.meaning());
    }

    private void updateUserinfo(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        SmswayUserUpdate update = body instanceof SmswayUserUpdate given ? given
                : body instanceof Map<?, ?> map ? Json.MAPPER.convertValue(map, SmswayUserUpdate.class)
                : Json.MAPPER.readValue(exchange.getMessage().getMandatoryBody(String.class), SmswayUserUpdate.class);
        List<Violation> violations = new ArrayList<>();
        if (update.isEmpty()) {
            violations.add(new Violation(0, "body", "sets no field; nothing to update"));
        }
        update.problems().forEach(problem -> violations.add(new Violation(0, problem.substring(0,
                problem.indexOf(':')), problem.substring(problem.indexOf(':') + 2))));
        if (!violations.isEmpty()) {
            throw new SmsValidationException(PROVIDER, violations);
        }
        if (update.ipv4grant() != null) {
            LOG.warn("smsway: setting ipv4grant to '{}': from now on the provider refuses calls from any other"
                     + " address (-25)", update.ipv4grant());
        }
        SmswayUserUpdate wire = api.keyInBody() == null ? update : update.withTokenapi(api.keyInBody());
        retryPolicy.call("smsway updateuserinfo", () -> api.call(SmswayOperation.updateUserinfo, wire));
        exchange.getMessage().setBody(update);
    }
}
