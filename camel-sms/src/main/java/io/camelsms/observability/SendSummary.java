package io.camelsms.observability;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.camelsms.core.RecipientResult;

/**
 * What one send did, counted: the messages by outcome (rejected and unknown ones by {@link RejectReason}), the
 * segments the accepted ones cost, and the batches (provider requests) it made.
 */
public record SendSummary(int accepted, int acceptedEarlier, Map<RejectReason, Integer> rejected,
                          Map<RejectReason, Integer> unknown, int segments, int batches) {

    /**
     * Counts {@code results}; {@code reasons[i]} is the class of result i when the send knew it (an invalid message, a
     * duplicate), else a rejected result counts as a provider refusal and an unknown one as an unknown outcome. A
     * null result (a valid message not sent because another was invalid and failOnInvalid is on) is not counted.
     */
    public static SendSummary of(List<RecipientResult> results, RejectReason[] reasons, int batches) {
        int accepted = 0;
        int earlier = 0;
        int segments = 0;
        Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
        Map<RejectReason, Integer> unknown = new EnumMap<>(RejectReason.class);
        for (int i = 0; i < results.size(); i++) {
            RecipientResult result = results.get(i);
            if (result == null) {
                continue;
            }
            switch (result.outcome()) {
                case ACCEPTED -> {
                    accepted++;
                    segments += result.segments();
                }
                case ACCEPTED_EARLIER -> earlier++;
                case REJECTED -> rejected.merge(reasons[i] != null ? reasons[i] : RejectReason.PROVIDER_REFUSAL, 1,
                        Integer::sum);
                case UNKNOWN -> unknown.merge(reasons[i] != null ? reasons[i] : RejectReason.UNKNOWN_OUTCOME, 1,
                        Integer::sum);
            }
        }
        return new SendSummary(accepted, earlier, rejected, unknown, segments, batches);
    }
}
