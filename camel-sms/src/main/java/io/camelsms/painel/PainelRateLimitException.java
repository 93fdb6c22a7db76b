package io.camelsms.painel;

import java.time.Duration;

import io.camelsms.core.SmsException;

/** A getstatus/getbalance call that came before the manual's once-a-minute allows; nothing was sent. */
public class PainelRateLimitException extends SmsException {

    private final Duration retryAfter;

    public PainelRateLimitException(String action, Duration retryAfter) {
        super(PainelProducer.PROVIDER, action + " may be called once a minute per account; the next call is allowed"
                + " in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s (" + retryAfter.toMillis()
                + " ms), nothing was sent", null);
        this.retryAfter = retryAfter;
    }

    /** How long until the call is allowed. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
