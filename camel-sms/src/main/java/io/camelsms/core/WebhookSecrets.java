package io.camelsms.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The shared secrets a webhook accepts: the current one and, during a rotation, the previous one until a given
 * time, so callbacks the provider queued with the old URL still get in while the new one is being set up.
 * Both are always compared, in constant time, so the answer time does not tell which one (or how much) matched.
 */
public final class WebhookSecrets {

    private final byte[] current;
    private final byte[] previous;
    private final Instant previousValidUntil;
    private final Clock clock;

    private WebhookSecrets(String current, String previous, Instant previousValidUntil, Clock clock) {
        this.current = bytesOrNull(current);
        this.previous = bytesOrNull(previous);
        this.previousValidUntil = previousValidUntil;
        this.clock = clock;
    }

    /**
     * @param current            the secret callers must carry; null or empty: none
     * @param previous           the secret being rotated out; null or empty: none
     * @param previousValidUntil until when the previous secret is accepted, ISO-8601 with offset (e.g.
     *                           {@code 2026-12-31T23:00:00Z}); required with a previous secret
     */
    public static WebhookSecrets of(String current, String previous, String previousValidUntil, Clock clock) {
        boolean hasPrevious = previous != null && !previous.isEmpty();
        if (hasPrevious && (current == null || current.isEmpty())) {
            throw new IllegalArgumentException("option 'webhookPreviousSecret' is set without 'webhookSecret': a"
                    + " rotation needs the new secret too");
        }
        Instant until = null;
        if (hasPrevious) {
            if (previousValidUntil == null || previousValidUntil.isBlank()) {
                throw new IllegalArgumentException("option 'webhookPreviousSecretValidUntil' is required with"
                        + " 'webhookPreviousSecret' (ISO-8601, e.g. 2026-12-31T23:00:00Z): an old secret is accepted"
                        + " for a grace period only");
            }
            try {
                until = OffsetDateTime.parse(previousValidUntil.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("option 'webhookPreviousSecretValidUntil': '" + previousValidUntil
                        + "' is not an ISO-8601 date-time with offset, e.g. 2026-12-31T23:00:00Z");
            }
        }
        return new WebhookSecrets(current, hasPrevious ? previous : null, until, clock);
    }

    /** Whether any secret is configured (else the webhook is open, which only an explicit opt-out allows). */
    public boolean configured() {
        return current != null;
    }

    /** Whether the previous secret is still accepted now. */
    public boolean inGracePeriod() {
        return previous != null && clock.instant().isBefore(previousValidUntil);
    }

    public Instant previousValidUntil() {
        return previousValidUntil;
    }

    /** Whether {@code candidate} is the current secret, or the previous one within its grace period. */
    public boolean accepts(String candidate) {
        if (current == null || candidate == null) {
            return false;
        }
        byte[] given = candidate.getBytes(StandardCharsets.UTF_8);
        boolean isCurrent = MessageDigest.isEqual(current, given);
        boolean isPrevious = previous != null && MessageDigest.isEqual(previous, given);
        return isCurrent || isPrevious && inGracePeriod();
    }

    private static byte[] bytesOrNull(String secret) {
        return secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }
}
