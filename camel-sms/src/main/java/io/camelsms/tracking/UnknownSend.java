package io.camelsms.tracking;

import java.time.Instant;

/**
 * A message whose send request may have reached the provider without an answer: not resent, kept with the reason.
 *
 * @param reason why the outcome is unknown, as the send reported it (never a credential: messages name no secret)
 */
public record UnknownSend(String provider, String account, String externalId, String recipient, String reason,
                          Instant at) {
}
