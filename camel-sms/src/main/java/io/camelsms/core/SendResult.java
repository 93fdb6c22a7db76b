package io.camelsms.core;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The outcome of one send operation, however many provider requests it took.
 *
 * @param provider   the component scheme, e.g. {@code pwapi}
 * @param batchIds   the provider's id of each request/campaign, in order (empty where the provider returns none)
 * @param recipients one entry per message of the body, in the body's order
 * @param details    provider extras worth keeping (e.g. smsclouds balance), optional
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(value = {"acceptedCount", "rejectedCount", "unknownCount", "totalSegments"}, allowGetters = true)
public record SendResult(
        String provider,
        List<String> batchIds,
        List<RecipientResult> recipients,
        Map<String, Object> details) {

    public SendResult {
        batchIds = batchIds == null ? List.of() : List.copyOf(batchIds);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public List<RecipientResult> accepted() {
        return recipients.stream().filter(RecipientResult::accepted).toList();
    }

    public List<RecipientResult> rejected() {
        return withOutcome(RecipientResult.Outcome.REJECTED);
    }

    /** Messages whose request may have reached the provider: not resent, for the caller to decide. */
    public List<RecipientResult> unknown() {
        return withOutcome(RecipientResult.Outcome.UNKNOWN);
    }

    private List<RecipientResult> withOutcome(RecipientResult.Outcome outcome) {
        return recipients.stream().filter(r -> r.outcome() == outcome).toList();
    }

    @JsonProperty("acceptedCount")
    public long acceptedCount() {
        return recipients.stream().filter(RecipientResult::accepted).count();
    }

    @JsonProperty("rejectedCount")
    public long rejectedCount() {
        return rejected().size();
    }

    @JsonProperty("unknownCount")
    public long unknownCount() {
        return unknown().size();
    }

    /** SMS parts the accepted messages cost, as counted before sending. */
    @JsonProperty("totalSegments")
    public long totalSegments() {
        return recipients.stream().filter(RecipientResult::accepted).mapToLong(RecipientResult::segments).sum();
    }
}
