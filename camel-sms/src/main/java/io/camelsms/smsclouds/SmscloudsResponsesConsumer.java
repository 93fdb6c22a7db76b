package io.camelsms.smsclouds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;

import io.camelsms.core.EventLedger;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsEvents;
import io.camelsms.core.SmsPollingConsumer;
import io.camelsms.smsclouds.model.ResponseRecord;
import io.camelsms.smsclouds.model.ResponsesRequest;
import io.camelsms.smsclouds.model.ResponsesResponse;

/**
 * Polls {@code POST /api/v3/responses} type 1 (by date) with a moving window: the first poll (and the first after
 * a restart) looks back {@code lookback}; each later one starts {@link #OVERLAP} before the previous poll began,
 * so a reply stored late is still seen. {@code to} is left out, which the document says searches until the
 * provider's current date.
 * <p>
 * A reply is emitted once. Without a tracking store its {@code received_id} is recorded in the emitted repository
 * after the route succeeded (a persistent repository keeps that across restarts). With one, the store's
 * {@link SmscloudsReplyLedger} records it and ties it to the message it answers (original external id and
 * campaign), also when the MO push delivered it first.
 */
final class SmscloudsResponsesConsumer extends SmsPollingConsumer<SmscloudsResponsesConsumer.PolledReply> {

    /** How far each window reaches back before the previous poll, for replies the provider stores late. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    /** One MO as the provider listed it ({@code received_id} for the header) and the reply the route receives. */
    record PolledReply(ResponseRecord record, InboundMessage reply) {
    }

    private final SmscloudsConfiguration configuration;
    private final Clock clock = Clock.systemUTC();
    private SmscloudsClient client;
    private SmscloudsDates dates;
    private Instant windowStart;

    /** Without a tracking store: emitted {@code received_id}s are kept in {@code emitted}. */
    SmscloudsResponsesConsumer(SmscloudsEndpoint endpoint, Processor processor, IdempotentRepository emitted) {
        super(endpoint, processor, emitted);
        this.configuration = endpoint.getConfiguration();
    }

    /** With a tracking store: {@code replies} emits each reply once, correlated with its original message. */
    SmscloudsResponsesConsumer(SmscloudsEndpoint endpoint, Processor processor, SmscloudsReplyLedger replies) {
        super(endpoint, processor, correlating(replies));
        this.configuration = endpoint.getConfiguration();
    }

    private static EventLedger<PolledReply> correlating(SmscloudsReplyLedger replies) {
        return polled -> replies.news(polled.reply())
                .map(entry -> new Correlated(new PolledReply(polled.record(), entry.event()), entry));
    }

    /** A polled reply as correlated by the store, recorded by the store's entry. */
    private record Correlated(PolledReply event, EventLedger.Entry<InboundMessage> stored)
            implements EventLedger.Entry<PolledReply> {
        @Override
        public void record() {
            stored.record();
        }

        @Override
        public void release() {
            stored.release();
        }

        @Override
        public java.util.Map<String, Object> headers() {
            return stored.headers();
        }
    }

    @Override
    protected void doStart() throws Exception {
        dates = new SmscloudsDates(configuration.getTimeZone());
        client = new SmscloudsClient(configuration);
        windowStart = null;
        super.doStart();
    }

    @Override
    protected List<PolledReply> fetch() throws Exception {
        Instant pollStart = clock.instant();
        Instant from = windowStart != null ? windowStart : pollStart.minusMillis(configuration.getLookback());
        ResponsesResponse response = client.responses(ResponsesRequest.byDate(dates.format(from), null));
        windowStart = pollStart.minus(OVERLAP);
        return response.results().stream()
                .map(r -> new PolledReply(r, SmscloudsProducer.toInbound(r, null, dates))).toList();
    }

    @Override
    protected String eventId(PolledReply event) {
        return Optional.ofNullable(event.record().receivedId()).map(id -> "smsclouds-mo-" + id)
                .orElseGet(() -> event.reply().eventId());
    }

    @Override
    protected void toExchange(PolledReply event, Exchange exchange) {
        SmsEvents.put(exchange, event.reply());
        if (event.record().receivedId() != null) {
            exchange.getMessage().setHeader(SmscloudsConstants.RECEIVED_ID, event.record().receivedId());
        }
    }
}
