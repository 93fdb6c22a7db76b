package io.camelsms.smsclouds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;

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
 * provider's current date. A reply is emitted once: its {@code received_id} is recorded in the emitted repository
 * after the route succeeded (a persistent repository keeps that across restarts).
 */
final class SmscloudsResponsesConsumer extends SmsPollingConsumer<ResponseRecord> {

    /** How far each window reaches back before the previous poll, for replies the provider stores late. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    private final SmscloudsConfiguration configuration;
    private final Clock clock = Clock.systemUTC();
    private SmscloudsClient client;
    private SmscloudsDates dates;
    private Instant windowStart;

    SmscloudsResponsesConsumer(SmscloudsEndpoint endpoint, Processor processor, IdempotentRepository emitted) {
        super(endpoint, processor, emitted);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        dates = new SmscloudsDates(configuration.getTimeZone());
        client = new SmscloudsClient(configuration);
        windowStart = null;
        super.doStart();
    }

    @Override
    protected List<ResponseRecord> fetch() throws Exception {
        Instant pollStart = clock.instant();
        Instant from = windowStart != null ? windowStart : pollStart.minusMillis(configuration.getLookback());
        ResponsesResponse response = client.post(SmscloudsProducer.RESPONSES_PATH,
                ResponsesRequest.byDate(dates.format(from), null), ResponsesResponse.class);
        windowStart = pollStart.minus(OVERLAP);
        return response.results();
    }

    @Override
    protected String eventId(ResponseRecord event) {
        return event.receivedId() != null ? "smsclouds-mo-" + event.receivedId()
                : SmscloudsProducer.toInbound(event, dates).eventId();
    }

    @Override
    protected void toExchange(ResponseRecord event, Exchange exchange) {
        InboundMessage inbound = SmscloudsProducer.toInbound(event, dates);
        SmsEvents.put(exchange, inbound);
        if (event.receivedId() != null) {
            exchange.getMessage().setHeader(SmscloudsConstants.RECEIVED_ID, event.receivedId());
        }
    }
}
