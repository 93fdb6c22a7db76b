package io.camelsms.core;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Puts a delivery report or a reply on an exchange the same way for every consumer: body plus id headers. */
public final class SmsEvents {

    private SmsEvents() {
    }

    public static void put(Exchange exchange, SmsEvent event) {
        Message message = exchange.getMessage();
        message.setBody(event);
        message.setHeader(SmsHeaders.EVENT_ID, event.eventId());
        message.setHeader(SmsHeaders.PROVIDER, event.provider());
        setIfPresent(message, SmsHeaders.PROVIDER_MESSAGE_ID, event.providerMessageId());
        setIfPresent(message, SmsHeaders.CAMPAIGN_ID, event.campaignId());
        setIfPresent(message, SmsHeaders.RECIPIENT, event.phone());
        setIfPresent(message, SmsHeaders.EXTERNAL_ID, event.externalId());
    }

    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }
}
