package io.camelsms.smsway.model;

import io.camelsms.core.DeliveryStatus;

/** The {@code state} of an smsgetlast entry, 1-10 as the document lists them, with the normalised status. */
public enum SmswayState {
    REQUEST(1, "request", DeliveryStatus.ACCEPTED),
    PUSH_NOTIFICATION_FAILED(2, "push notification failed", DeliveryStatus.FAILED),
    SMS_SENT(3, "sms sent", DeliveryStatus.SENT),
    SMS_NOT_SENT(4, "sms not sent", DeliveryStatus.FAILED),
    DEVICE_NO_SMS_PROVIDER(5, "device no sms provider", DeliveryStatus.FAILED),
    DEVICE_NULL_PDU(6, "device null pdu", DeliveryStatus.FAILED),
    DEVICE_RADIO_OFF(7, "device radio off", DeliveryStatus.FAILED),
    SMS_DELIVERED(8, "sms delivered", DeliveryStatus.DELIVERED),
    /**
     * The document's list has no "cancelled" state although it says quota-discarded messages end "canceled";
     * "sms deleted" is the state that means it, so both map to {@link DeliveryStatus#CANCELLED}.
     */
    SMS_DELETED(9, "sms deleted", DeliveryStatus.CANCELLED),
    SERVICE_UNAVAILABLE(10, "service unavailable", DeliveryStatus.FAILED);

    private final int code;
    private final String meaning;
    private final DeliveryStatus status;

    SmswayState(int code, String meaning, DeliveryStatus status) {
        this.code = code;
        this.meaning = meaning;
        this.status = status;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public DeliveryStatus status() {
        return status;
    }

    /** The documented state, or null for one outside 1-10. */
    public static SmswayState of(Integer code) {
        if (code == null) {
            return null;
        }
        for (SmswayState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        return null;
    }
}
