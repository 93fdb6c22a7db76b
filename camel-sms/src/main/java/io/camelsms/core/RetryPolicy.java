package io.camelsms.core;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.observability.AccountObserver;

/**
 * Bounded retry with exponential backoff. Two kinds of request, kept apart on purpose:
 * <ul>
 * <li>{@link #call} for a request that acts (a send, a hold): retried only when the provider surely did not act
 * and may accept later ({@link SmsProviderException.Failure#REFUSED_TRY_LATER}); an unknown outcome is thrown at
 * once, because sending again could send twice;</li>
 * <li>{@link #callIdempotent} for a read (status, balance, lists): retried on an unknown outcome too, since
 * asking twice changes nothing.</li>
 * </ul>
 *
 * @param maxRetries  retries after the first attempt (0 = no retry)
 * @param firstDelay  wait before the first retry
 * @param multiplier  each further wait is the previous one times this
 * @param observer    told of each failure (by code) and each retry
 */
public record RetryPolicy(int maxRetries, Duration firstDelay, double multiplier, AccountObserver observer) {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    public RetryPolicy {
        if (maxRetries < 0 || firstDelay.isNegative() || multiplier < 1.0) {
            throw new IllegalArgumentException("retry policy needs maxRetries >= 0, retryDelay >= 0 and "
                    + "retryBackoffMultiplier >= 1, got " + maxRetries + ", " + firstDelay + ", " + multiplier);
        }
    }

    /** A request that acts on the provider: retried only on a temporary refusal. */
    public <T> T call(String what, Callable<T> attempt) throws Exception {
        return retry(what, attempt, false);
    }

    /** A request that only reads: retried on a temporary refusal and on an unknown outcome. */
    public <T> T callIdempotent(String what, Callable<T> attempt) throws Exception {
        return retry(what, attempt, true);
    }

    private <T> T retry(String what, Callable<T> attempt, boolean idempotent) throws Exception {
        long delayMillis = firstDelay.toMillis();
        for (int retry = 0; ; retry++) {
            try {
                return attempt.call();
            } catch (SmsProviderException e) {
                observer.providerError(e);
                boolean retryable = e.getFailure() == SmsProviderException.Failure.REFUSED_TRY_LATER
                                    || idempotent && e.isUnknown();
                if (!retryable) {
                    throw e;
                }
                if (retry >= maxRetries) {
                    e.gaveUpAfter(retry);
                    throw e;
                }
                LOG.warn("{} failed ({}); retry {} of {} in {} ms", what, e.getMessage(), retry + 1, maxRetries,
                        delayMillis);
                observer.retried();
                Thread.sleep(delayMillis);
                delayMillis = Math.round(delayMillis * multiplier);
            }
        }
    }
}
