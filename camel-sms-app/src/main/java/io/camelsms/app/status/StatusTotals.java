package io.camelsms.app.status;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.camelsms.core.DeliveryStatus;

/**
 * Messages a provider accepted, by what became of them, as the tracking store records it: delivered (DELIVERED, READ),
 * failed (FAILED, CANCELLED), expired (EXPIRED) and pending (not final yet: ACCEPTED, QUEUED, SENT, UNKNOWN). The four
 * add up to {@link #tracked}.
 */
public record StatusTotals(long delivered, long failed, long expired, long pending) {

    public static final StatusTotals NONE = new StatusTotals(0, 0, 0, 0);

    public static StatusTotals of(Map<DeliveryStatus, Long> counts) {
        long delivered = 0;
        long failed = 0;
        long expired = 0;
        long pending = 0;
        for (Map.Entry<DeliveryStatus, Long> entry : counts.entrySet()) {
            long n = entry.getValue();
            switch (entry.getKey()) {
                case DELIVERED, READ -> delivered += n;
                case FAILED, CANCELLED -> failed += n;
                case EXPIRED -> expired += n;
                case ACCEPTED, QUEUED, SENT, UNKNOWN -> pending += n;
            }
        }
        return new StatusTotals(delivered, failed, expired, pending);
    }

    public StatusTotals plus(StatusTotals other) {
        return new StatusTotals(delivered + other.delivered, failed + other.failed, expired + other.expired,
                pending + other.pending);
    }

    @JsonProperty
    public long tracked() {
        return delivered + failed + expired + pending;
    }
}
