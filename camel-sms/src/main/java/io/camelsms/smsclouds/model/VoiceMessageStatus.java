package io.camelsms.smsclouds.model;

import io.camelsms.core.DeliveryStatus;

/** The document's blaster statuses 0-3 and their normalised meaning. */
public enum VoiceMessageStatus {
    QUEUED(0, "Queued", DeliveryStatus.QUEUED),
    PROCESS(1, "Process", DeliveryStatus.SENT),
    SENT(2, "Sent", DeliveryStatus.DELIVERED),
    FAIL_OR_CANCEL(3, "Fail/Cancel", DeliveryStatus.FAILED);

    private final int code;
    private final String description;
    private final DeliveryStatus normalised;

    VoiceMessageStatus(int code, String description, DeliveryStatus normalised) {
        this.code = code;
        this.description = description;
        this.normalised = normalised;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public DeliveryStatus normalised() {
        return normalised;
    }

    /** The status of a code, or null for a code the document does not list. */
    public static VoiceMessageStatus of(Integer code) {
        if (code == null) {
            return null;
        }
        for (VoiceMessageStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        return null;
    }
}
