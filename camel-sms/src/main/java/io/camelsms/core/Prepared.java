package io.camelsms.core;

/**
 * A message that passed the provider's rules, already in the provider's wire shape.
 *
 * @param index      position in the body that was sent
 * @param recipient  the number as it goes on the wire
 * @param externalId the caller's id, or the one generated for it
 * @param text       the text's encoding and segment count
 * @param wire       the provider's request element for this message
 */
public record Prepared<W>(int index, String recipient, String externalId, SmsText text, W wire) {

    public RecipientResult accepted(String batchId, String providerMessageId) {
        return RecipientResult.accepted(index, recipient, externalId, providerMessageId, batchId, text);
    }

    public RecipientResult rejected(String reason) {
        return RecipientResult.rejected(index, recipient, externalId, reason, text);
    }

    /** The request that carried it may have reached the provider: not resent, for the caller to decide. */
    public RecipientResult unknown(String reason) {
        return RecipientResult.unknown(index, recipient, externalId, reason, text);
    }

    /** Rejected when the provider surely did not act, unknown when it may have. */
    public RecipientResult failed(SmsProviderException failure) {
        return (failure.isUnknown() ? unknown(failure.getMessage()) : rejected(failure.getMessage()))
                .withFailure(failure.getFailure());
    }
}
