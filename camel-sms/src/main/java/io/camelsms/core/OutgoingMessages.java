package io.camelsms.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

/**
 * Reads the messages to send from an exchange, the same way for every component: one {@link SmsMessage}, a
 * collection of them (or of maps with the same field names, as YAML and JSON give, see {@link SmsMessageConverters}),
 * or a plain text with the recipient in {@link SmsHeaders#RECIPIENT}.
 */
public final class OutgoingMessages {

    private OutgoingMessages() {
    }

    public static List<SmsMessage> from(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        Object body = in.getBody();
        if (body instanceof SmsMessage message) {
            return List.of(message);
        }
        if (body instanceof List<?> list && list.stream().allMatch(SmsMessage.class::isInstance)) {
            @SuppressWarnings("unchecked")
            List<SmsMessage> messages = (List<SmsMessage>) list;
            return messages;
        }
        if (body instanceof Collection<?> items) {
            List<SmsMessage> messages = new ArrayList<>(items.size());
            for (Object item : items) {
                messages.add(one(exchange, item));
            }
            return messages;
        }
        if (body instanceof Map<?, ?>) {
            return List.of(one(exchange, body));
        }
        String text = in.getBody(String.class);
        if (text == null) {
            throw new InvalidPayloadException(exchange, SmsMessage.class);
        }
        return List.of(SmsMessage.to(in.getHeader(SmsHeaders.RECIPIENT, String.class))
                .text(text)
                .sender(in.getHeader(SmsHeaders.SENDER, String.class))
                .externalId(in.getHeader(SmsHeaders.EXTERNAL_ID, String.class))
                .build());
    }

    /** An SmsMessage, or a map made into one by {@link SmsMessageConverters} (an unknown key is an error). */
    private static SmsMessage one(Exchange exchange, Object item) throws InvalidPayloadException {
        if (item instanceof SmsMessage message) {
            return message;
        }
        if (item instanceof Map<?, ?> map) {
            return SmsMessageConverters.toSmsMessage(map);
        }
        throw new InvalidPayloadException(exchange, SmsMessage.class);
    }

    /** Puts the outcome on the exchange: the {@link SendResult} as body, counts and ids as headers. */
    public static void setResult(Exchange exchange, SendResult result) {
        Message out = exchange.getMessage();
        out.setBody(result);
        out.setHeader(SmsHeaders.PROVIDER, result.provider());
        out.setHeader(SmsHeaders.ACCEPTED_COUNT, result.acceptedCount());
        out.setHeader(SmsHeaders.REJECTED_COUNT, result.rejectedCount());
        out.setHeader(SmsHeaders.UNKNOWN_COUNT, result.unknownCount());
        out.setHeader(SmsHeaders.SEGMENTS, result.totalSegments());
        if (!result.batchIds().isEmpty()) {
            out.setHeader(SmsHeaders.CAMPAIGN_ID, result.batchIds().get(0));
            out.setHeader(SmsHeaders.BATCH_IDS, result.batchIds());
        }
        if (result.recipients().size() == 1) {
            RecipientResult only = result.recipients().get(0);
            out.setHeader(SmsHeaders.EXTERNAL_ID, only.externalId());
            if (only.providerMessageId() != null) {
                out.setHeader(SmsHeaders.PROVIDER_MESSAGE_ID, only.providerMessageId());
            }
        }
    }
}
