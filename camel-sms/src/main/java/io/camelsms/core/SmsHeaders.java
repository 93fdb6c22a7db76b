package io.camelsms.core;

import org.apache.camel.spi.Metadata;

/**
 * Exchange headers shared by every camel-sms component. A component with headers of its own extends this class and
 * names the subclass as its {@code headersClass}.
 */
public class SmsHeaders {

    @Metadata(label = "producer", description = "The recipient's phone number, when the body is a plain text.",
              javaType = "String")
    public static final String RECIPIENT = "CamelSmsRecipient";
    @Metadata(label = "producer", description = "The sender id, when the body is a plain text.", javaType = "String")
    public static final String SENDER = "CamelSmsSender";
    @Metadata(description = "In: the caller's id for the message, when the body is a plain text. Out (single-message"
                            + " sends): the external id the message was sent with, generated if none was given.",
              javaType = "String")
    public static final String EXTERNAL_ID = "CamelSmsExternalId";
    @Metadata(description = "The provider's id of the message (single-message sends, delivery reports and replies).",
              javaType = "String")
    public static final String PROVIDER_MESSAGE_ID = "CamelSmsProviderMessageId";
    @Metadata(description = "The provider's id of the request or campaign; the first one when a send was split.",
              javaType = "String")
    public static final String CAMPAIGN_ID = "CamelSmsCampaignId";
    @Metadata(label = "producer", description = "Every provider request/campaign id of a send, in order.",
              javaType = "java.util.List<String>")
    public static final String BATCH_IDS = "CamelSmsBatchIds";
    @Metadata(label = "producer", description = "How many messages of the send the provider accepted.",
              javaType = "long")
    public static final String ACCEPTED_COUNT = "CamelSmsAcceptedCount";
    @Metadata(label = "producer", description = "How many messages of the send were rejected (by validation or by"
                                                + " the provider); the reasons are on the SendResult body.",
              javaType = "long")
    public static final String REJECTED_COUNT = "CamelSmsRejectedCount";
    @Metadata(label = "producer", description = "How many messages of the send have an unknown outcome: their request"
                                                + " may have reached the provider (e.g. no reply within the request"
                                                + " timeout). They are not resent; the reasons are on the SendResult"
                                                + " body.",
              javaType = "long")
    public static final String UNKNOWN_COUNT = "CamelSmsUnknownCount";
    @Metadata(label = "producer", description = "SMS parts the accepted messages cost (GSM-7 / UCS-2 segment count).",
              javaType = "long")
    public static final String SEGMENTS = "CamelSmsSegments";
    @Metadata(label = "consumer", description = "The stable id of a delivery report or reply, for deduplication.",
              javaType = "String")
    public static final String EVENT_ID = "CamelSmsEventId";
    @Metadata(label = "consumer", description = "On a reply: true when it answers no message sent to that number"
            + " within replyWindow (found in the tracking store), e.g. a stranger's or a forged MO. Such replies are"
            + " still emitted, so a route can keep them apart; absent without a tracking store (nothing to check).",
              javaType = "Boolean")
    public static final String UNSOLICITED = "CamelSmsUnsolicited";
    @Metadata(description = "The component scheme that produced or sent the message, e.g. pwapi.", javaType = "String")
    public static final String PROVIDER = "CamelSmsProvider";

    protected SmsHeaders() {
    }
}
