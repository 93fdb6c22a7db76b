package io.camelsms.core;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded retry with exponential backoff, for failures the provider marks as retryable
 * ({@link SmsProviderException#isRetryable()}); every other failure is thrown at once.
 *
 * @param maxRetries  retries after the first attempt (0 = no retry)
 * @param firstDelay  wait before the first retry
 * @param multiplier  each further wait is the previous one times this
 */
public record RetryPolicy(int maxRetries, Duration firstDelay, double multiplier) {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    public RetryPolicy {
        if (maxRetries < 0 || firstDelay.isNegative() || multiplier < 1.0) {
            throw new IllegalArgumentException("retry policy needs maxRetries >= 0, retryDelay >= 0 and "
                    + "retryBackoffMultiplier >= 1, got " + maxRetries + ", " + firstDelay + ", " + multiplier);
        }
    }

    public <T> T call(String what, Callable<T> attempt) throws Exception {
        long delayMillis = firstDelay.toMillis();
        for (int retry = 0; ; retry++) {
            try {
                return attempt.call();
            } catch (SmsProviderException e) {
                if (!e.isRetryable() || retry >= maxRetries) {
                    throw e;
                }
                LOG.warn("{} failed ({}); retry {} of {} in {} ms", what, e.getMessage(), retry + 1, maxRetries,
                        delayMillis);
                Thread.sleep(delayMillis);
                delayMillis = Math.round(delayMillis * multiplier);
            }
        }
    }
}
