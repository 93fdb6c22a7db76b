package io.camelsms.smsclouds.model;

import java.util.Arrays;
import java.util.Locale;

import io.camelsms.core.DeliveryStatus;

/** The document's "Status of message" table and its normalised meaning. */
public enum MessageStatus {
    IN_PROGRESS("in progress", "Message In Progress", DeliveryStatus.QUEUED),
    SENT("sent", "Message Sent to cellphone company", DeliveryStatus.SENT),
    FAILED("failed", "Message Fail", DeliveryStatus.FAILED),
    PAUSED("paused", "Message Paused", DeliveryStatus.QUEUED),
    RETRIED("retried", "Message Retried", DeliveryStatus.QUEUED),
    CANCELLED("cancelled", "Message Cancelled", DeliveryStatus.CANCELLED);

    private final String wire;
    private final String description;
    private final DeliveryStatus normalised;

    MessageStatus(String wire, String description, DeliveryStatus normalised) {
        this.wire = wire;
        this.description = description;
        this.normalised = normalised;
    }

    public String wire() {
        return wire;
    }

    public String description() {
        return description;
    }

    public DeliveryStatus normalised() {
        return normalised;
    }

    /** The normalised status of a raw one; a status the document does not list is UNKNOWN (the raw text is kept). */
    public static DeliveryStatus normalise(String raw) {
        if (raw == null) {
            return DeliveryStatus.UNKNOWN;
        }
        String key = raw.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.wire.equals(key)).findFirst()
                .map(MessageStatus::normalised).orElse(DeliveryStatus.UNKNOWN);
    }
}
