package io.camelsms.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.SmsProviderException;

/**
 * A readiness check (camel-health SPI, camel-api only: no camel-health class is needed to build one) that asks
 * its {@link Probe} at most once per interval and answers the kept result in between, so a probe every few seconds
 * never reaches a provider more often than the interval (nor beyond its documented rate limit).
 * <p>
 * A probe that throws makes the check DOWN with the exception's message: camel-sms's exceptions name the provider,
 * its own code and message and never a credential. Not a liveness check: a provider that refuses the account or is
 * unreachable is no reason to restart the application.
 */
public final class CachedHealthCheck implements HealthCheck {

    /** The group of every camel-sms check. */
    public static final String GROUP = "camel-sms";
    /** Detail: when the kept result was taken (ISO-8601). */
    public static final String CHECKED_AT = "checked.at";

    private static final Logger LOG = LoggerFactory.getLogger(CachedHealthCheck.class);

    /** One look at the thing checked. */
    @FunctionalInterface
    public interface Probe {
        /**
         * Sets the builder UP (with details) or DOWN, or throws for DOWN.
         *
         * @return false when it could not look now (e.g. a rate limit's slot is taken): the kept result stays
         */
        boolean check(HealthCheckResultBuilder builder) throws Exception;
    }

    private final String id;
    private final Duration interval;
    private final Probe probe;
    private volatile boolean enabled = true;
    private Result kept;
    private Instant keptAt;

    public CachedHealthCheck(String id, Duration interval, Probe probe) {
        this.id = id;
        this.interval = interval;
        this.probe = probe;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getGroup() {
        return GROUP;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration interval() {
        return interval;
    }

    /** Synchronized: probes arriving together while one look is under way get its result, not a second look. */
    @Override
    public synchronized Result call(Map<String, Object> options) {
        Instant now = Instant.now();
        if (kept != null && now.isBefore(keptAt.plus(interval))) {
            return kept;
        }
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        try {
            if (!probe.check(builder)) {
                return kept != null ? kept
                        : builder.unknown().message(id + ": not checked yet (the provider's rate limit)").build();
            }
        } catch (Exception e) {
            LOG.debug("{}: health check failed", id, e);
            builder.down().message(e.getMessage());
            if (e instanceof SmsProviderException failure) {
                builder.detail("failure", failure.getFailure().name());
                if (failure.getProviderCode() != null) {
                    builder.detail("provider.code", failure.getProviderCode());
                }
            }
        }
        builder.detail(CHECKED_AT, now.toString());
        kept = builder.build();
        keptAt = now;
        return kept;
    }

    @Override
    public String toString() {
        return "CachedHealthCheck[" + id + "]";
    }
}
