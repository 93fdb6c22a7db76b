package io.camelsms.core;

import java.time.Duration;

/**
 * A send would have had to wait longer than allowed for room in the account's quota; nothing was sent.
 * Not retryable at once: try again after {@link #getWaitNeeded()} or raise the quota.
 */
public class QuotaExceededException extends SmsException {

    private final Duration waitNeeded;

    public QuotaExceededException(String provider, String quotas, Duration waitNeeded, Duration maxWait) {
        super(provider, "quota reached (" + quotas + "): the next send needs a wait of " + waitNeeded
                        + ", more than the allowed " + maxWait + "; not sent", null);
        this.waitNeeded = waitNeeded;
    }

    /** How long the send would have had to wait. */
    public Duration getWaitNeeded() {
        return waitNeeded;
    }
}
