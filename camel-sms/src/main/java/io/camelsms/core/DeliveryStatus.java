package io.camelsms.core;

/**
 * The normalised life of a message, whatever the provider calls each step. Every component maps its raw
 * statuses to one of these and keeps the raw text beside it.
 */
public enum DeliveryStatus {
    /** The provider took the request; nothing more is known yet. */
    ACCEPTED(false),
    /** Waiting at the provider (scheduled, held, in a queue). */
    QUEUED(false),
    /** Handed to the carrier; no handset confirmation (yet). */
    SENT(false),
    /** The handset confirmed receipt. */
    DELIVERED(true),
    /** The recipient opened it (Viber and similar). */
    READ(true),
    /** The provider or carrier gave up, or refused the number. */
    FAILED(true),
    /** The validity period ran out before delivery. */
    EXPIRED(true),
    /** Cancelled by the account, or discarded by the provider (quota). */
    CANCELLED(true),
    /** The provider reported a status we do not recognise; the raw status is kept. */
    UNKNOWN(false);

    private final boolean terminal;

    DeliveryStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether no further change is expected once a message reaches this status. */
    public boolean isFinal() {
        return terminal;
    }
}
