package io.camelsms.observability;

import java.time.Duration;
import java.util.function.Supplier;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.tracking.TrackingStore;

/**
 * What camel-sms tells about its work, one call per event, each naming the provider and the account (the tracking
 * store's non-secret label, never a credential). Every method does nothing by default: {@link #NONE} is what runs
 * when nothing listens. Implementations must be cheap and never throw.
 */
public interface SmsObserver {

    /** Listens to nothing. */
    SmsObserver NONE = new SmsObserver() {
    };

    /** A send finished (also one that failed because every batch was refused, or a message was invalid). */
    default void sent(String provider, String account, SendSummary summary) {
    }

    /** A request the provider refused for now is tried again. */
    default void retried(String provider, String account) {
    }

    /** A provider request failed with this code (the provider's own, {@code http_<status>}, or the I/O outcome). */
    default void providerError(String provider, String account, String code) {
    }

    /** One HTTP call to the provider took {@code nanos}, whatever its outcome. */
    default void providerCall(String provider, String account, String operation, long nanos) {
    }

    /** A delivery report went through a route. */
    default void deliveryReport(String provider, String account, DeliveryStatus status) {
    }

    /** A tracked message reached its first final status, this long after it was accepted. */
    default void becameFinal(String provider, String account, DeliveryStatus status, Duration sinceAccepted) {
    }

    /** A reply (MO message) went through a route. */
    default void replyReceived(String provider, String account) {
    }

    /** A webhook call was refused with this HTTP status (401, 400, 413...) before reaching a route. */
    default void webhookRefused(String provider, String account, int status) {
    }

    /** The account's messages are tracked in {@code store}: its open messages can be watched. */
    default void tracking(String provider, String account, TrackingStore store) {
    }

    /**
     * The {@code sms:} router guards the account with a circuit breaker; {@code state} reads its state when asked
     * ({@code closed}, {@code open}, {@code half_open}, ...).
     */
    default void circuitBreaker(String provider, String account, Supplier<String> state) {
    }
}
