package io.camelsms.smsclouds;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import io.camelsms.core.EventLedger;
import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.core.SmsEndpoint;
import io.camelsms.core.WebhookProtocol;
import io.camelsms.observability.AccountHealthEndpoint;
import io.camelsms.observability.CachedHealthCheck;
import io.camelsms.smsclouds.model.SmscloudsUser;
import io.camelsms.tracking.ReplyLedger;

/**
 * Send SMS, SMS clic, email and voice campaigns through the Smsclouds API V3 (Max4Systems / masmensajes), query
 * campaign status, replies, the account, routes and HLR, receive MO replies and keyword requests by webhook or
 * by polling, and follow the delivery status of every message sent (with a tracking store).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "smsclouds", title = "Smsclouds API V3", syntax = "smsclouds:operation",
             remote = true, category = { Category.MOBILE }, headersClass = SmscloudsConstants.class)
public class SmscloudsEndpoint extends SmsEndpoint implements AccountHealthEndpoint {

    /** MO ids remembered by the default in-memory repository of smsclouds:responses without a tracking store. */
    private static final int REMEMBERED_MOS = 100_000;

    @UriParam
    private final SmscloudsConfiguration configuration;

    public SmscloudsEndpoint(String uri, SmscloudsComponent component, SmscloudsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        SmscloudsOperation operation = configuration.getOperation();
        if (!operation.isProducer()) {
            throw new UnsupportedOperationException("smsclouds:" + operation + " receives only; use it in from()");
        }
        return new SmscloudsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SmscloudsOperation operation = configuration.getOperation();
        switch (operation) {
            case inbound:
            case keyword:
                return createWebhookConsumer(processor);
            case responses:
                SmscloudsResponsesConsumer consumer = configuration.activeTrackingStore() != null
                        ? new SmscloudsResponsesConsumer(this, processor, correlatedReplies())
                        : new SmscloudsResponsesConsumer(this, processor, emittedRepository());
                configureConsumer(consumer);
                return consumer;
            case dlr:
                return createDeliveryReportConsumer(processor, new SmscloudsDeliveryStatusSource(configuration));
            default:
                throw new UnsupportedOperationException("smsclouds:" + operation + " is a producer operation; the"
                        + " consumers are smsclouds:inbound, smsclouds:keyword, smsclouds:responses and smsclouds:dlr");
        }
    }

    /**
     * The MO push is emitted once and correlated with its original message when a tracking store is active. Keyword
     * requests are not: each one must be answered with a reply text, so each one reaches the route.
     */
    @Override
    @SuppressWarnings("unchecked")
    protected <E> EventLedger<E> webhookLedger() {
        if (configuration.getOperation() != SmscloudsOperation.inbound
            || configuration.activeTrackingStore() == null) {
            return EventLedger.everything();
        }
        return (EventLedger<E>) new SmscloudsReplyLedger(trackingLedger(), configuration);
    }

    /** Replies polled with a tracking store: the store's {@link ReplyLedger}, after completing each MO. */
    private SmscloudsReplyLedger correlatedReplies() {
        return new SmscloudsReplyLedger(new ReplyLedger(SmscloudsProducer.PROVIDER, configuration.trackingAccount(),
                configuration.activeTrackingStore(), Duration.ofMillis(configuration.getReplyWindow()),
                Clock.systemUTC()), configuration);
    }

    @Override
    protected SmsConsumerConfiguration consumerConfiguration() {
        return configuration;
    }

    @Override
    protected WebhookProtocol<?> webhookProtocol() {
        switch (configuration.getOperation()) {
            case inbound:
                return new SmscloudsInboundProtocol(configuration.getTimeZone());
            case keyword:
                return new SmscloudsKeywordProtocol(configuration.getTimeZone());
            default:
                return null;
        }
    }

    @Override
    protected String operationName() {
        return configuration.getOperation().name();
    }

    @Override
    public String providerBaseUrl() {
        return configuration.getBaseUrl();
    }

    /** GET /api/v1/user, one call without retries: UP with the account's credit. */
    @Override
    public CachedHealthCheck.Probe accountProbe() {
        SmscloudsClient client = new SmscloudsClient(configuration.copyWithoutRetries());
        return builder -> {
            SmscloudsUser user = SmscloudsUser.from(client.get(SmscloudsProducer.USER_PATH));
            builder.up().message("smsclouds: user answered").detail("credit", user.credit());
            return true;
        };
    }

    public SmscloudsConfiguration getConfiguration() {
        return configuration;
    }

    /** The configured repository of emitted MO ids, or a bounded in-memory one. */
    private IdempotentRepository emittedRepository() {
        IdempotentRepository configured = configuration.getEmittedRepository();
        return configured != null ? configured : MemoryIdempotentRepository.memoryIdempotentRepository(REMEMBERED_MOS);
    }
}
