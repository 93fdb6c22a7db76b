package io.camelsms.tracking;

import java.time.Instant;

import io.camelsms.core.DeliveryStatus;

/**
 * A sent message as the tracking store knows it.
 *
 * @param id                the store's id (0 before it is stored)
 * @param provider          component scheme
 * @param account           the provider account it was sent with (a login, or a digest of a token: never a secret)
 * @param externalId        the caller's id
 * @param recipient         the number as sent
 * @param providerMessageId the provider's id, where it gives one
 * @param campaignId        the provider's batch or campaign id, where it gives one
 * @param status            normalised status
 * @param rawStatus         the provider's own status
 * @param statusAt          when the provider says the status changed
 * @param createdAt         when it was recorded as accepted
 * @param updatedAt         last change
 */
public record TrackedMessage(long id, String provider, String account, String externalId, String recipient,
                             String providerMessageId, String campaignId, DeliveryStatus status, String rawStatus,
                             Instant statusAt, Instant createdAt, Instant updatedAt) {

    public boolean isFinal() {
        return status.isFinal();
    }

    /** A message just accepted by the provider, not yet stored. */
    public static TrackedMessage accepted(String provider, String account, String externalId, String recipient,
                                          String providerMessageId, String campaignId, Instant now) {
        return new TrackedMessage(0, provider, account, externalId, recipient, providerMessageId, campaignId,
                DeliveryStatus.ACCEPTED, null, null, now, now);
    }
}
