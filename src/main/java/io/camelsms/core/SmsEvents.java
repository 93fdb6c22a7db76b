package io.camelsms.core;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Puts a delivery report or a reply on an exchange the same way for every consumer: body plus id headers. */
public final class SmsEvents {

    private SmsEvents() {
    }

    public static void put(Exchange exchange, DeliveryReport report) {
        Message message = exchange.getMessage();
        message.setBody(report);
        message.setHeader(SmsHeaders.EVENT_ID, report.eventId());
        message.setHeader(SmsHeaders.PROVIDER, report.provider());
        setIfPresent(message, SmsHeaders.PROVIDER_MESSAGE_ID, report.providerMessageId());
        setIfPresent(message, SmsHeaders.CAMPAIGN_ID, report.campaignId());
        setIfPresent(message, SmsHeaders.RECIPIENT, report.recipient());
        setIfPresent(message, SmsHeaders.EXTERNAL_ID, report.externalId());
    }

    public static void put(Exchange exchange, InboundMessage inbound) {
        Message message = exchange.getMessage();
        message.setBody(inbound);
        message.setHeader(SmsHeaders.EVENT_ID, inbound.eventId());
        message.setHeader(SmsHeaders.PROVIDER, inbound.provider());
        setIfPresent(message, SmsHeaders.PROVIDER_MESSAGE_ID, inbound.providerMessageId());
        setIfPresent(message, SmsHeaders.CAMPAIGN_ID, inbound.campaignId());
        setIfPresent(message, SmsHeaders.RECIPIENT, inbound.from());
        setIfPresent(message, SmsHeaders.EXTERNAL_ID, inbound.externalId());
    }

    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }
}
