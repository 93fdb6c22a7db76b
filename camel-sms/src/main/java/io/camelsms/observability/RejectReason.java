package io.camelsms.observability;

import java.util.Locale;

/**
 * Why a message of a send was not accepted, as a small fixed set of classes: the {@code reason} tag of the message
 * counters. Never the free-text reason of a result (it may name a number or an external id).
 */
public enum RejectReason {
    /** The recipient is not a valid phone number (or not one the provider takes). */
    INVALID_NUMBER,
    /** The text is longer than the provider takes. */
    TEXT_TOO_LONG,
    /** Another rule of the provider's document (a required field, an option's value). */
    INVALID_MESSAGE,
    /** The same message twice in one send (same external id, or a copy the provider cannot tell apart). */
    DUPLICATE,
    /** Its external id was accepted earlier with another recipient or text. */
    CONFLICT,
    /** The provider refused it (surely not acted on). */
    PROVIDER_REFUSAL,
    /** The tracking store could not record it as in flight, so it was not sent. */
    TRACKING_UNAVAILABLE,
    /** Unknown outcome: the request may have reached the provider (timeout, reset, undocumented 5xx). */
    UNKNOWN_OUTCOME,
    /** Unknown outcome of an earlier send of its external id: not sent again. */
    EARLIER_UNKNOWN;

    /** The tag value: the name in lower case, e.g. {@code invalid_number}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
