package io.camelsms.observability;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.tracking.TrackingStore;

/**
 * camel-sms's observers in one CamelContext (a context plugin, made on first use): the {@link SmsStats} of the sms
 * dev console, always, and Micrometer metrics when Micrometer is on the classpath and the Camel registry holds a
 * {@code MeterRegistry} (e.g. camel-main's {@code camel.metrics.enabled=true}). Micrometer is an optional
 * dependency: without it no Micrometer class is ever loaded.
 */
public final class SmsObservability {

    private static final Logger LOG = LoggerFactory.getLogger(SmsObservability.class);
    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    private static final boolean MICROMETER_PRESENT = isPresent(METER_REGISTRY);
    private static final Object CREATION = new Object();

    private final SmsStats stats;
    private final SmsObserver metrics;
    private final SmsObserver observer;

    private SmsObservability(SmsStats stats, SmsObserver metrics) {
        this.stats = stats;
        this.metrics = metrics;
        this.observer = metrics == SmsObserver.NONE ? stats : new Both(stats, metrics);
    }

    /** The context's observability, made on first use (once the registry holds what the user bound in it). */
    public static SmsObservability of(CamelContext context) {
        var extension = context.getCamelContextExtension();
        SmsObservability found = extension.getContextPlugin(SmsObservability.class);
        if (found != null) {
            return found;
        }
        synchronized (CREATION) {
            found = extension.getContextPlugin(SmsObservability.class);
            if (found == null) {
                Clock clock = Clock.systemUTC();
                found = new SmsObservability(new SmsStats(clock), metricsOf(context, clock));
                extension.addContextPlugin(SmsObservability.class, found);
            }
            return found;
        }
    }

    /** The observer of one provider account in {@code context}; {@link AccountObserver#NONE} without a context. */
    public static AccountObserver forAccount(CamelContext context, String provider, String account) {
        return context == null ? AccountObserver.NONE
                : new AccountObserver(of(context).observer, provider, account);
    }

    /** The dev console's counters. */
    public SmsStats stats() {
        return stats;
    }

    /** Whether metrics are recorded on a Micrometer registry. */
    public boolean recordsMetrics() {
        return metrics != SmsObserver.NONE;
    }

    private static SmsObserver metricsOf(CamelContext context, Clock clock) {
        if (!MICROMETER_PRESENT) {
            return SmsObserver.NONE;
        }
        Set<?> registries = context.getRegistry().findByType(context.getClassResolver().resolveClass(METER_REGISTRY));
        if (registries.isEmpty()) {
            return SmsObserver.NONE;
        }
        if (registries.size() > 1) {
            LOG.warn("camel-sms: {} MeterRegistry beans in the registry; metrics go to the first", registries.size());
        }
        return MicrometerMetrics.observer(registries.iterator().next(), clock);
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, SmsObservability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Keeps the Micrometer types out of this class's signature, so it loads without Micrometer. */
    private static final class MicrometerMetrics {
        static SmsObserver observer(Object registry, Clock clock) {
            return new MicrometerSmsObserver((io.micrometer.core.instrument.MeterRegistry) registry, clock);
        }
    }

    /** The console's counters and the metrics, each told every event. */
    private record Both(SmsObserver first, SmsObserver second) implements SmsObserver {
        private List<SmsObserver> all() {
            return List.of(first, second);
        }

        @Override
        public void sent(String provider, String account, SendSummary summary) {
            all().forEach(o -> o.sent(provider, account, summary));
        }

        @Override
        public void retried(String provider, String account) {
            all().forEach(o -> o.retried(provider, account));
        }

        @Override
        public void providerError(String provider, String account, String code) {
            all().forEach(o -> o.providerError(provider, account, code));
        }

        @Override
        public void providerCall(String provider, String account, String operation, long nanos) {
            all().forEach(o -> o.providerCall(provider, account, operation, nanos));
        }

        @Override
        public void deliveryReport(String provider, String account, DeliveryStatus status) {
            all().forEach(o -> o.deliveryReport(provider, account, status));
        }

        @Override
        public void becameFinal(String provider, String account, DeliveryStatus status, Duration sinceAccepted) {
            all().forEach(o -> o.becameFinal(provider, account, status, sinceAccepted));
        }

        @Override
        public void replyReceived(String provider, String account) {
            all().forEach(o -> o.replyReceived(provider, account));
        }

        @Override
        public void webhookRefused(String provider, String account, int status) {
            all().forEach(o -> o.webhookRefused(provider, account, status));
        }

        @Override
        public void tracking(String provider, String account, TrackingStore store) {
            all().forEach(o -> o.tracking(provider, account, store));
        }

        @Override
        public void circuitBreaker(String provider, String account, Supplier<String> state) {
            all().forEach(o -> o.circuitBreaker(provider, account, state));
        }
    }
}
