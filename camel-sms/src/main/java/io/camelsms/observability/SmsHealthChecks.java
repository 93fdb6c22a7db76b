package io.camelsms.observability;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.StringHelper;

import io.camelsms.core.ServiceLocations;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.tracking.JdbcTrackingStore;

/**
 * Puts the health checks of provider accounts into Camel's {@code producers} health-check repository, as Apache
 * Camel's own components do (listed once {@code camel.health.producersEnabled=true}), and the tracking store's check
 * into the health-check registry, when camel-health is on the class path; without it registering does nothing. Only
 * camel-api and camel-support types are used here.
 * <p>
 * One check per account, not per endpoint: every producer of one account (same provider, same host, same account
 * label) shares one check and so one cache; it leaves the repository with the last of them. Polling consumers
 * ({@code dlr}, {@code responses}) need nothing more: Camel gives each a readiness check of its own
 * ({@code consumer:<routeId>}, switched by {@code healthCheckConsumerEnabled}) that goes DOWN with the provider's
 * message when polls fail; they only register the tracking store's check.
 */
public final class SmsHealthChecks {

    /** Camel's repository of producer checks. */
    public static final String PRODUCERS = "producers";
    /** The tracking store's check id. */
    public static final String TRACKING_STORE_CHECK = "camel-sms-tracking-store";
    /** The tracking store's check counts open messages: cheap, but not at every probe of a busy database. */
    public static final Duration TRACKING_STORE_INTERVAL = Duration.ofSeconds(10);

    /** What the register methods return: closing it takes the endpoint's share of its checks back. */
    public interface Registration extends AutoCloseable {
        Registration NONE = () -> {
        };

        @Override
        void close();
    }

    /** Where a check goes: a writable repository, or the registry itself. */
    private record Target(String name, Consumer<HealthCheck> add, Consumer<HealthCheck> remove) {
    }

    private final Map<String, CachedHealthCheck> checks = new HashMap<>();
    /** Users per target and check id. */
    private final Map<String, Integer> users = new HashMap<>();

    private SmsHealthChecks() {
    }

    /**
     * Registers the account check of a producer of {@code endpoint} in Camel's producers repository, and the check
     * of its JDBC tracking store; call on start, close the answer on stop. Nothing when the component's
     * {@code healthCheckProducerEnabled} is off.
     */
    public static Registration registerProducer(AccountHealthEndpoint endpoint) {
        CamelContext context = endpoint.getCamelContext();
        if (endpoint.getComponent() instanceof HealthCheckComponent component
                && !component.isHealthCheckProducerEnabled()) {
            return Registration.NONE;
        }
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(context, PRODUCERS,
                WritableHealthCheckRepository.class);
        if (repository == null) {
            return Registration.NONE; // camel-health is not on the class path
        }
        SmsConfiguration configuration = endpoint.getConfiguration();
        SmsHealthChecks state = of(context);
        String id = accountCheckId(endpoint);
        Registration store = registerTrackingStore(context, configuration);
        Registration account;
        try {
            account = state.take(new Target(PRODUCERS, repository::addHealthCheck, repository::removeHealthCheck),
                    id, () -> new CachedHealthCheck(id, Duration.ofMillis(configuration.getHealthCheckInterval()),
                            endpoint.accountProbe()));
        } catch (RuntimeException e) {
            store.close(); // the producer does not start: it leaves nothing registered
            throw e;
        }
        return () -> {
            account.close();
            store.close();
        };
    }

    /** Registers the check of the JDBC tracking store these options record to, if any, in the registry. */
    public static Registration registerTrackingStore(CamelContext context, SmsConfiguration configuration) {
        HealthCheckRegistry registry = HealthCheckHelper.getHealthCheckRegistry(context);
        if (registry == null || !(configuration.activeTrackingStore() instanceof JdbcTrackingStore store)) {
            return Registration.NONE;
        }
        return of(context).take(new Target("registry", registry::register, registry::unregister),
                TRACKING_STORE_CHECK,
                () -> new CachedHealthCheck(TRACKING_STORE_CHECK, TRACKING_STORE_INTERVAL, store::checkHealth));
    }

    /**
     * {@code camel-sms-<provider>-<account label>@<host[:port]>}: the label is a digest or the name chosen for the
     * account, never a login or key.
     */
    public static String accountCheckId(AccountHealthEndpoint endpoint) {
        return "camel-sms-" + scheme(endpoint) + "-" + endpoint.getConfiguration().trackingAccount() + "@"
               + ServiceLocations.hostAndPort(endpoint.providerBaseUrl());
    }

    static String scheme(Endpoint endpoint) {
        return StringHelper.before(endpoint.getEndpointUri(), ":");
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

    private synchronized Registration take(Target target, String id, Supplier<CachedHealthCheck> create) {
        CachedHealthCheck check = checks.computeIfAbsent(id, k -> create.get());
        if (users.merge(target.name() + '\u0000' + id, 1, Integer::sum) == 1) {
            target.add().accept(check);
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                give(target, id);
            }
        };
    }

    private synchronized void give(Target target, String id) {
        Integer left = users.computeIfPresent(target.name() + '\u0000' + id, (k, n) -> n == 1 ? null : n - 1);
        if (left == null) {
            target.remove().accept(checks.get(id));
            if (users.keySet().stream().noneMatch(k -> k.endsWith('\u0000' + id))) {
                checks.remove(id);
            }
        }
    }
}
