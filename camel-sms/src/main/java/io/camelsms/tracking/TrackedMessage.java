package io.camelsms.tracking;

import java.time.Instant;
import java.util.regex.Pattern;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.EventIds;
import io.camelsms.core.SmsMessage;

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
 * @param contentHash       digest of the recipient and text ({@link #contentHashOf}); null for messages recorded
 *                          before camel-sms kept it
 * @param origin            where the caller says it came from ({@link SmsMessage#ORIGIN_OPTION}), or null
 */
public record TrackedMessage(long id, String provider, String account, String externalId, String recipient,
                             String providerMessageId, String campaignId, DeliveryStatus status, String rawStatus,
                             Instant statusAt, Instant createdAt, Instant updatedAt, String contentHash,
                             String origin) {

    /** What {@link #originFile} removes: the V11 migration removes the same from messages recorded before it. */
    private static final Pattern TRAILING_LINE = Pattern.compile(" line [0-9]+$");

    public boolean isFinal() {
        return status.isFinal();
    }

    /** The digest an idempotency key's content is compared by: the recipient as sent and the text, exactly. */
    public static String contentHashOf(String recipient, String text) {
        return EventIds.of("content", recipient, text);
    }

    /**
     * The file (or other source) an origin names, without its trailing line number: {@code orders.csv line 12}
     * is {@code orders.csv}; an origin without a line number is its own source; null stays null.
     */
    public static String originFile(String origin) {
        return origin == null ? null : TRAILING_LINE.matcher(origin).replaceFirst("");
    }

    /** A message just accepted by the provider, not yet stored, whose content is not known. */
    public static TrackedMessage accepted(String provider, String account, String externalId, String recipient,
                                          String providerMessageId, String campaignId, Instant now) {
        return accepted(provider, account, externalId, recipient, providerMessageId, campaignId, now, null, null);
    }

    /** A message just accepted by the provider, not yet stored, with the digest of its content and its origin. */
    public static TrackedMessage accepted(String provider, String account, String externalId, String recipient,
                                          String providerMessageId, String campaignId, Instant now,
                                          String contentHash, String origin) {
        return new TrackedMessage(0, provider, account, externalId, recipient, providerMessageId, campaignId,
                DeliveryStatus.ACCEPTED, null, null, now, now, contentHash, origin);
    }
}
