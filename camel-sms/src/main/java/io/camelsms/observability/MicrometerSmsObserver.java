package io.camelsms.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.tracking.TrackingStore;

/**
 * camel-sms's metrics on a Micrometer {@link MeterRegistry}, with Micrometer's naming conventions (dot-separated,
 * base units: seconds) and the tags {@code provider}, {@code account} (the tracking label, never a credential),
 * {@code operation}, {@code status}, {@code reason}, {@code code}. Loaded only when Micrometer is on the classpath
 * and a registry is in the Camel registry ({@link SmsObservability}).
 */
public final class MicrometerSmsObserver implements SmsObserver {

    public static final String MESSAGES_ACCEPTED = "sms.messages.accepted";
    public static final String MESSAGES_ACCEPTED_EARLIER = "sms.messages.accepted.earlier";
    public static final String MESSAGES_REJECTED = "sms.messages.rejected";
    public static final String MESSAGES_UNKNOWN = "sms.messages.unknown";
    public static final String SEGMENTS_SENT = "sms.segments.sent";
    public static final String BATCHES = "sms.batches";
    public static final String RETRIES = "sms.retries";
    public static final String PROVIDER_ERRORS = "sms.provider.errors";
    public static final String PROVIDER_CALLS = "sms.provider.calls";
    public static final String DELIVERY_REPORTS = "sms.delivery.reports";
    public static final String DELIVERY_TIME = "sms.delivery.time";
    public static final String REPLIES = "sms.replies.received";
    public static final String WEBHOOK_REFUSED = "sms.webhook.refused";
    public static final String OPEN_MESSAGES = "sms.messages.open";
    public static final String OLDEST_OPEN_AGE = "sms.messages.open.oldest.age";
    public static final String CIRCUIT_STATE = "sms.router.circuit.state";
    /** The circuit breaker states a gauge is kept for (Resilience4j's main three). */
    private static final List<String> CIRCUIT_STATES = List.of("closed", "open", "half_open");

    private final MeterRegistry registry;
    private final Clock clock;
    /** Gauges are registered once per account; Micrometer holds them weakly, so their watches are kept here. */
    private final Map<SmsStats.AccountKey, OpenMessagesWatch> watches = new ConcurrentHashMap<>();
    private final Map<SmsStats.AccountKey, Supplier<String>> circuitBreakers = new ConcurrentHashMap<>();

    public MicrometerSmsObserver(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    private static Tags tags(String provider, String account) {
        return Tags.of("provider", provider, "account", account);
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    @Override
    public void sent(String provider, String account, SendSummary summary) {
        Tags tags = tags(provider, account);
        counter(MESSAGES_ACCEPTED, "Messages the provider accepted", tags).increment(summary.accepted());
        if (summary.acceptedEarlier() > 0) {
            counter(MESSAGES_ACCEPTED_EARLIER, "Messages not sent again: accepted earlier under the same external id",
                    tags).increment(summary.acceptedEarlier());
        }
        summary.rejected().forEach((reason, n) -> counter(MESSAGES_REJECTED, "Messages not sent, by reason class",
                tags.and("reason", reason.tag())).increment(n));
        summary.unknown().forEach((reason, n) -> counter(MESSAGES_UNKNOWN,
                "Messages whose request may have reached the provider without an answer",
                tags.and("reason", reason.tag())).increment(n));
        counter(SEGMENTS_SENT, "SMS segments (parts) of the accepted messages", tags).increment(summary.segments());
        counter(BATCHES, "Send requests made to the provider", tags).increment(summary.batches());
    }

    @Override
    public void retried(String provider, String account) {
        counter(RETRIES, "Requests tried again after a temporary refusal", tags(provider, account)).increment();
    }

    @Override
    public void providerError(String provider, String account, String code) {
        counter(PROVIDER_ERRORS, "Failed provider requests, by the provider's code or HTTP status",
                tags(provider, account).and("code", code)).increment();
    }

    @Override
    public void providerCall(String provider, String account, String operation, long nanos) {
        Timer.builder(PROVIDER_CALLS).description("HTTP calls to the provider, by operation")
                .tags(tags(provider, account).and("operation", operation)).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void deliveryReport(String provider, String account, DeliveryStatus status) {
        counter(DELIVERY_REPORTS, "Delivery reports routed, by normalised status",
                tags(provider, account).and("status", status.name())).increment();
    }

    @Override
    public void becameFinal(String provider, String account, DeliveryStatus status, Duration sinceAccepted) {
        Timer.builder(DELIVERY_TIME).description("From acceptance to the first final status of a tracked message")
                .tags(tags(provider, account).and("status", status.name()))
                .publishPercentileHistogram()
                .register(registry).record(sinceAccepted);
    }

    @Override
    public void replyReceived(String provider, String account) {
        counter(REPLIES, "Replies (MO messages) routed", tags(provider, account)).increment();
    }

    @Override
    public void webhookRefused(String provider, String account, int status) {
        counter(WEBHOOK_REFUSED, "Webhook calls refused before reaching a route, by HTTP status",
                tags(provider, account).and("status", String.valueOf(status))).increment();
    }

    @Override
    public void tracking(String provider, String account, TrackingStore store) {
        watches.computeIfAbsent(new SmsStats.AccountKey(provider, account), key -> {
            OpenMessagesWatch watch = new OpenMessagesWatch(provider, account, store, clock);
            Gauge.builder(OPEN_MESSAGES, watch, OpenMessagesWatch::count)
                    .description("Tracked messages without a final status").tags(tags(provider, account))
                    .register(registry);
            Gauge.builder(OLDEST_OPEN_AGE, watch, OpenMessagesWatch::oldestAgeSeconds)
                    .description("Age of the oldest tracked message without a final status").baseUnit("seconds")
                    .tags(tags(provider, account)).register(registry);
            return watch;
        });
    }

    /** One gauge per state, 1 for the state the breaker is in and 0 for the others (as Resilience4j's own). */
    @Override
    public void circuitBreaker(String provider, String account, Supplier<String> state) {
        circuitBreakers.computeIfAbsent(new SmsStats.AccountKey(provider, account), key -> {
            for (String name : CIRCUIT_STATES) {
                Gauge.builder(CIRCUIT_STATE, state, current -> name.equals(current.get()) ? 1 : 0)
                        .description("Whether the sms: router's circuit breaker of the account is in this state")
                        .tags(tags(provider, account).and("state", name)).register(registry);
            }
            return state;
        });
    }
}
