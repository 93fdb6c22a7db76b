package io.camelsms.webcom.model;

import java.util.Arrays;

import io.camelsms.core.DeliveryStatus;

/** The {@code state} values of status replies and webhook pushes, and what each means in camel-sms terms. */
public enum WebcomStateValue {
    /** No final status yet. */
    SEND("send", DeliveryStatus.SENT),
    DELIVER("deliver", DeliveryStatus.DELIVERED),
    NOT_DELIVER("not_deliver", DeliveryStatus.FAILED),
    EXPIRED("expired", DeliveryStatus.EXPIRED),
    /** Viber: the recipient read it. */
    READ("read", DeliveryStatus.READ),
    /**
     * Sent, and no status will ever be received. camel-sms has no final "sent, unconfirmed" status, so this maps to
     * SENT; the raw {@code partly_deliver} tells it apart from {@code send}.
     */
    PARTLY_DELIVER("partly_deliver", DeliveryStatus.SENT);

    private final String wire;
    private final DeliveryStatus status;

    WebcomStateValue(String wire, DeliveryStatus status) {
        this.wire = wire;
        this.status = status;
    }

    public String wire() {
        return wire;
    }

    public DeliveryStatus status() {
        return status;
    }

    /** The normalised status of a raw state; UNKNOWN for a state the platform's pages do not list. */
    public static DeliveryStatus normalise(String raw) {
        return Arrays.stream(values()).filter(v -> v.wire.equalsIgnoreCase(raw == null ? "" : raw.strip()))
                .map(WebcomStateValue::status).findFirst().orElse(DeliveryStatus.UNKNOWN);
    }
}
