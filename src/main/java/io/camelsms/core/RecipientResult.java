package io.camelsms.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of one message of a send.
 *
 * @param index             position of the message in the body that was sent (0-based)
 * @param recipient         the number as the provider received it (after normalisation)
 * @param externalId        the caller's id, or the one the component generated for it
 * @param providerMessageId the provider's id for it, where the provider returns one
 * @param batchId           the provider's id of the request/campaign it went in, where returned
 * @param accepted          whether the provider accepted it
 * @param reason            why it was rejected (null when accepted)
 * @param encoding          the encoding the text needs
 * @param segments          how many SMS parts the text costs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecipientResult(
        int index,
        String recipient,
        String externalId,
        String providerMessageId,
        String batchId,
        boolean accepted,
        String reason,
        TextEncoding encoding,
        int segments) {

    public static RecipientResult accepted(int index, String recipient, String externalId, String providerMessageId,
                                           String batchId, SmsText text) {
        return new RecipientResult(index, recipient, externalId, providerMessageId, batchId, true, null,
                text.encoding(), text.segments());
    }

    public static RecipientResult rejected(int index, String recipient, String externalId, String reason,
                                           SmsText text) {
        return new RecipientResult(index, recipient, externalId, null, null, false, reason,
                text == null ? null : text.encoding(), text == null ? 0 : text.segments());
    }
}
