package io.camelsms.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.webhook.WebhookCapableEndpoint;
import org.apache.camel.component.webhook.WebhookConfiguration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;

import io.camelsms.observability.AccountObserver;
import io.camelsms.tracking.DeliveryReportConsumer;
import io.camelsms.tracking.DeliveryStatusSource;
import io.camelsms.tracking.DeliveryTracker;
import io.camelsms.tracking.TrackingLedger;
import io.camelsms.tracking.TrackingStore;

/**
 * Base of endpoints that receive as well as send: Camel's scheduler options for polling consumers, and
 * {@link WebhookCapableEndpoint} so {@code webhook:<scheme>:<operation>} works beside the plain
 * {@code from("<scheme>:<operation>")}, which listens on platform-http by itself.
 */
public abstract class SmsEndpoint extends ScheduledPollEndpoint implements WebhookCapableEndpoint {

    protected SmsEndpoint(String uri, Component component) {
        super(uri, component);
    }

    /** Consumer options of this endpoint. */
    protected abstract SmsConsumerConfiguration consumerConfiguration();

    /** The webhook format of this endpoint's operation, or null when the operation is not a webhook. */
    protected abstract WebhookProtocol<?> webhookProtocol();

    /** The operation name, as in the URI path. */
    protected abstract String operationName();

    public WebhookSettings webhookSettings() {
        return consumerConfiguration().webhookSettings(scheme(), operationName());
    }

    /** Where this endpoint's consumers report the events they route and the webhook calls they refuse. */
    public AccountObserver observer() {
        return consumerConfiguration().observer(scheme());
    }

    /** The scheme this endpoint was created with, e.g. {@code smsclouds}. */
    protected String scheme() {
        return StringHelper.before(getEndpointUri(), ":");
    }

    /** A consumer that serves this endpoint's webhook on platform-http. */
    protected WebhookConsumer<?> createWebhookConsumer(Processor processor) throws Exception {
        WebhookConsumer<?> consumer = webhookConsumer(processor, requireProtocol());
        configureConsumer(consumer);
        return consumer;
    }

    private <E> WebhookConsumer<E> webhookConsumer(Processor processor, WebhookProtocol<E> protocol) {
        return new WebhookConsumer<>(this, processor, webhookSettings(), protocol, webhookLedger());
    }

    /**
     * Which webhook events are news: by default every call is routed (the provider decides what to re-send).
     * Endpoints with a tracking store answer a ledger that emits each report and reply once, also when a poll saw
     * it first.
     */
    protected <E> EventLedger<E> webhookLedger() {
        return EventLedger.everything();
    }

    /**
     * The {@code <scheme>:dlr} polling consumer over the tracking store, asking {@code source} about open messages.
     * Fails with a clear message when no tracking store is configured: without one there is nothing to poll for.
     */
    protected Consumer createDeliveryReportConsumer(Processor processor, DeliveryStatusSource source) throws Exception {
        SmsConsumerConfiguration configuration = consumerConfiguration();
        TrackingStore store = requireTrackingStore();
        AccountObserver observer = observer();
        observer.tracking(store);
        DeliveryReportConsumer consumer = new DeliveryReportConsumer(this, processor,
                new DeliveryTracker(scheme(), configuration.trackingAccount(), store, Clock.systemUTC(), observer),
                store,
                configuration.trackingAccount(),
                Duration.ofMillis(configuration.getTrackingMaxAge()), source);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * For webhook operations that carry delivery reports or replies: with a tracking store, each report and reply
     * is emitted once (also when a poll saw it first) and replies carry the original external id; without one,
     * every call is routed.
     */
    @SuppressWarnings("unchecked")
    protected <E> EventLedger<E> trackingLedger() {
        SmsConsumerConfiguration configuration = consumerConfiguration();
        TrackingStore store = configuration.activeTrackingStore();
        if (store == null) {
            return EventLedger.everything();
        }
        AccountObserver observer = observer();
        observer.tracking(store);
        return (EventLedger<E>) new TrackingLedger(scheme(), configuration.trackingAccount(), store,
                Clock.systemUTC(), Duration.ofMillis(configuration.getReplyWindow()), observer);
    }

    /** The tracking store, or an exception naming the option to set. */
    protected TrackingStore requireTrackingStore() {
        TrackingStore store = consumerConfiguration().activeTrackingStore();
        if (store == null) {
            throw new IllegalArgumentException(scheme() + ":" + operationName() + " needs a tracking store: set the"
                    + " trackingStore option, or bind one io.camelsms.tracking.TrackingStore bean (e.g. JdbcTrackingStore)"
                    + " in the registry, and leave tracking=true");
        }
        return store;
    }

    @Override
    public Processor createWebhookHandler(Processor next) {
        return webhookHandler(next, requireProtocol());
    }

    private <E> WebhookHandler<E> webhookHandler(Processor next, WebhookProtocol<E> protocol) {
        EventLedger<E> ledger = webhookLedger();
        ServiceHelper.startService(ledger); // under the webhook: component no consumer of ours starts it
        return new WebhookHandler<>(this, webhookSettings(), protocol, next, ledger);
    }

    /** Providers take the callback URL from their panel or from each send; there is no API to register it. */
    @Override
    public void registerWebhook() {
        // nothing to register
    }

    @Override
    public void unregisterWebhook() {
        // nothing to unregister
    }

    @Override
    public void setWebhookConfiguration(WebhookConfiguration configuration) {
        // the path and secret come from this endpoint's own options
    }

    @Override
    public List<String> getWebhookMethods() {
        return requireProtocol().methods();
    }

    private WebhookProtocol<?> requireProtocol() {
        WebhookProtocol<?> protocol = webhookProtocol();
        if (protocol == null) {
            throw new IllegalArgumentException(scheme() + ":" + operationName()
                                               + " is not a webhook operation");
        }
        return protocol;
    }
}
