package io.camelsms.core;

/** What delivery reports and replies have in common: who, which message, which campaign, and a stable id. */
public interface SmsEvent {

    /** Same for the same event however often it is observed; the key for emitting it once. */
    String eventId();

    String provider();

    String providerMessageId();

    String campaignId();

    String externalId();

    /** The handset's number: the recipient of a report, the sender of a reply. */
    String phone();
}
