package io.camelsms.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What became of one message of a send.
 *
 * @param index             position of the message in the body that was sent (0-based)
 * @param recipient         the number as the provider received it (after normalisation)
 * @param externalId        the caller's id, or the one the component generated for it
 * @param providerMessageId the provider's id for it, where the provider returns one
 * @param batchId           the provider's id of the request/campaign it went in, where returned
 * @param outcome           accepted, accepted by an earlier send, rejected, or unknown
 * @param reason            why it was rejected, or why its outcome is unknown (null when accepted)
 * @param encoding          the encoding the text needs
 * @param segments          how many SMS parts the text costs
 * @param failure           for a message whose request failed, what the failure says about the provider's side
 *                          (refused for good, refused for now, unknown); null when accepted or rejected before any
 *                          request (invalid, conflict)
 * @param provider          the component that took it (or refused it last), set by the {@code sms:} router; null
 *                          on the five providers' own results, whose {@link SendResult#provider()} says it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "accepted", allowGetters = true)
public record RecipientResult(
        int index,
        String recipient,
        String externalId,
        String providerMessageId,
        String batchId,
        Outcome outcome,
        String reason,
        TextEncoding encoding,
        int segments,
        SmsProviderException.Failure failure,
        String provider) {

    /** The three outcomes of a provider request, plus the message an earlier send already delivered to it. */
    public enum Outcome {
        /** The provider accepted it in this send. */
        ACCEPTED,
        /** The same message (same external id, same recipient and text) was accepted earlier; not sent again. */
        ACCEPTED_EARLIER,
        /** Not sent: invalid, refused by the provider, or in conflict with an earlier use of its external id. */
        REJECTED,
        /** The request may have reached the provider (e.g. a read timeout): not resent, for the caller to decide. */
        UNKNOWN
    }

    public static RecipientResult accepted(int index, String recipient, String externalId, String providerMessageId,
                                           String batchId, SmsText text) {
        return new RecipientResult(index, recipient, externalId, providerMessageId, batchId, Outcome.ACCEPTED, null,
                text.encoding(), text.segments(), null, null);
    }

    public static RecipientResult rejected(int index, String recipient, String externalId, String reason,
                                           SmsText text) {
        return withoutProviderIds(index, recipient, externalId, Outcome.REJECTED, reason, text);
    }

    public static RecipientResult unknown(int index, String recipient, String externalId, String reason,
                                          SmsText text) {
        return withoutProviderIds(index, recipient, externalId, Outcome.UNKNOWN, reason, text);
    }

    public static RecipientResult acceptedEarlier(int index, String recipient, String externalId,
                                                  String providerMessageId, String batchId, SmsText text) {
        return new RecipientResult(index, recipient, externalId, providerMessageId, batchId, Outcome.ACCEPTED_EARLIER,
                null, text == null ? null : text.encoding(), text == null ? 0 : text.segments(), null, null);
    }

    private static RecipientResult withoutProviderIds(int index, String recipient, String externalId, Outcome outcome,
                                                      String reason, SmsText text) {
        return new RecipientResult(index, recipient, externalId, null, null, outcome, reason,
                text == null ? null : text.encoding(), text == null ? 0 : text.segments(), null, null);
    }

    /** This result after the provider's request failed with {@code failure}. */
    public RecipientResult withFailure(SmsProviderException.Failure failure) {
        return new RecipientResult(index, recipient, externalId, providerMessageId, batchId, outcome, reason, encoding,
                segments, failure, provider);
    }

    /** This result as message {@code index} of a larger send, taken (or refused last) by {@code provider}. */
    public RecipientResult routed(int index, String provider) {
        return new RecipientResult(index, recipient, externalId, providerMessageId, batchId, outcome, reason, encoding,
                segments, failure, provider);
    }

    /** This result with another reason, e.g. prefixed with what happened at an earlier provider. */
    public RecipientResult withReason(String reason) {
        return new RecipientResult(index, recipient, externalId, providerMessageId, batchId, outcome, reason, encoding,
                segments, failure, provider);
    }

    /** Rejected because the provider surely did not act on its request (for good or for now). */
    @JsonIgnore
    public boolean refusedByProvider() {
        return outcome == Outcome.REJECTED && failure != null && failure != SmsProviderException.Failure.UNKNOWN;
    }

    /** Whether the provider accepted it in this send (not earlier, not maybe). */
    @JsonProperty("accepted")
    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
