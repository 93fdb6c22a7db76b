package io.camelsms.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.StringHelper;

import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;

/**
 * Puts the health checks of provider accounts (and of their tracking store) into Camel's {@code producers} and
 * {@code consumers} health-check repositories, as Apache Camel's own components do, when camel-health is on the
 * class path; without it (or with {@code healthCheckProducerEnabled} / {@code healthCheckConsumerEnabled} off on
 * the component) registering does nothing. Only camel-api and camel-support types are used here.
 * <p>
 * One check per account, not per endpoint: every producer and polling consumer of one account (same provider, same
 * host, same account label) shares one check and so one cache; it leaves the repository with the last of them.
 */
public final class SmsHealthChecks {

    public static final String PRODUCERS = "producers";
    public static final String CONSUMERS = "consumers";
    /** The tracking store's check id. */
    public static final String TRACKING_STORE_CHECK = "camel-sms-tracking-store";
    /** The tracking store's check counts open messages: cheap, but not at every probe of a busy database. */
    public static final Duration TRACKING_STORE_INTERVAL = Duration.ofSeconds(10);

    /** What {@link #register} returns: closing it takes the endpoint's share of its checks back. */
    public interface Registration extends AutoCloseable {
        Registration NONE = () -> {
        };

        @Override
        void close();
    }

    private final Map<String, CachedHealthCheck> checks = new HashMap<>();
    /** Users per repository and check id. */
    private final Map<String, Integer> users = new HashMap<>();

    private SmsHealthChecks() {
    }

    /**
     * Registers the account check of {@code endpoint} (and the check of its JDBC tracking store) in the repository
     * {@link #PRODUCERS} or {@link #CONSUMERS}; call on start, close the answer on stop.
     */
    public static Registration register(AccountHealthEndpoint endpoint, String repositoryId) {
        CamelContext context = endpoint.getCamelContext();
        if (!enabled(endpoint.getComponent(), repositoryId)) {
            return Registration.NONE;
        }
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(context, repositoryId,
                WritableHealthCheckRepository.class);
        if (repository == null) {
            return Registration.NONE; // camel-health is not on the class path
        }
        SmsConfiguration configuration = endpoint.smsConfiguration();
        SmsHealthChecks state = of(context);
        List<String> taken = new ArrayList<>();
        String accountCheck = accountCheckId(endpoint);
        taken.add(state.take(repository, accountCheck, () -> new CachedHealthCheck(accountCheck,
                Duration.ofMillis(configuration.getHealthCheckInterval()), endpoint.accountProbe())));
        TrackingStore store = configuration.activeTrackingStore();
        if (store instanceof JdbcTrackingStore jdbc) {
            taken.add(state.take(repository, TRACKING_STORE_CHECK,
                    () -> new CachedHealthCheck(TRACKING_STORE_CHECK, TRACKING_STORE_INTERVAL, jdbc::checkHealth)));
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                taken.forEach(id -> state.give(repository, id));
            }
        };
    }

    /**
     * {@code camel-sms-<provider>-<account label>@<host[:port]>}: the label is a digest or the name chosen for the
     * account, never a login or key.
     */
    public static String accountCheckId(AccountHealthEndpoint endpoint) {
        return "camel-sms-" + scheme(endpoint) + "-" + endpoint.smsConfiguration().trackingAccount() + "@"
               + ServiceLocations.hostAndPort(endpoint.providerBaseUrl());
    }

    static String scheme(AccountHealthEndpoint endpoint) {
        return StringHelper.before(endpoint.getEndpointUri(), ":");
    }

    private static boolean enabled(Component component, String repositoryId) {
        if (component instanceof HealthCheckComponent health) {
            return PRODUCERS.equals(repositoryId) ? health.isHealthCheckProducerEnabled()
                    : health.isHealthCheckConsumerEnabled();
        }
        return true;
    }

    private static SmsHealthChecks of(CamelContext context) {
        synchronized (SmsHealthChecks.class) {
            SmsHealthChecks state = context.getCamelContextExtension().getContextPlugin(SmsHealthChecks.class);
            if (state == null) {
                state = new SmsHealthChecks();
                context.getCamelContextExtension().addContextPlugin(SmsHealthChecks.class, state);
            }
            return state;
        }
    }

    private synchronized String take(WritableHealthCheckRepository repository, String id,
                                     Supplier<CachedHealthCheck> create) {
        CachedHealthCheck check = checks.computeIfAbsent(id, k -> create.get());
        if (users.merge(repository.getId() + '\u0000' + id, 1, Integer::sum) == 1) {
            repository.addHealthCheck(check);
        }
        return id;
    }

    private synchronized void give(WritableHealthCheckRepository repository, String id) {
        String key = repository.getId() + '\u0000' + id;
        Integer left = users.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
        if (left == null) {
            repository.removeHealthCheck(checks.get(id));
            if (users.keySet().stream().noneMatch(k -> k.endsWith('\u0000' + id))) {
                checks.remove(id);
            }
        }
    }
}
