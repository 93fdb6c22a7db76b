package io.camelsms.painel;

import java.time.ZoneId;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

import io.camelsms.core.ConfiguredEndpoint;
import io.camelsms.core.EventLedger;
import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.core.SmsEndpoint;
import io.camelsms.core.WebhookProtocol;

/**
 * Send SMS campaigns through the "Painel" platform (LocaSMS panel, its api.ashx module) over HTTP GET, query
 * their status and the balance, hold and release them, receive delivery updates and replies on the callback, and
 * poll the delivery status of tracked messages (dlr).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "painel", title = "Painel SMS", syntax = "painel:operation",
             remote = true, category = { Category.MOBILE }, headersClass = PainelConstants.class)
public class PainelEndpoint extends SmsEndpoint implements ConfiguredEndpoint {

    @UriParam
    private final PainelConfiguration configuration;

    public PainelEndpoint(String uri, PainelComponent component, PainelConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public PainelComponent getComponent() {
        return (PainelComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (configuration.getOperation().consumer()) {
            throw new UnsupportedOperationException("painel:" + configuration.getOperation()
                                                    + " is a consumer; send with painel:send");
        }
        return new PainelProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        return switch (configuration.getOperation()) {
            case callback -> createWebhookConsumer(processor);
            case dlr -> createDeliveryReportConsumer(processor, new PainelDeliveryStatusSource(new PainelClient(this)));
            default -> throw new UnsupportedOperationException("painel:" + configuration.getOperation()
                    + " is a producer; receive with from(\"painel:callback\") or from(\"painel:dlr\")");
        };
    }

    /**
     * The callback's deliveries and replies go through the tracking store when there is one: a change the
     * callback pushed is not polled again by painel:dlr (and the other way round), a repeated call is acknowledged
     * without being routed, and a reply carries the external id of the message it answers.
     */
    @Override
    protected <E> EventLedger<E> webhookLedger() {
        return configuration.getOperation() == PainelOperation.callback ? trackingLedger() : super.webhookLedger();
    }

    @Override
    protected SmsConsumerConfiguration consumerConfiguration() {
        return configuration;
    }

    @Override
    protected WebhookProtocol<?> webhookProtocol() {
        return configuration.getOperation() == PainelOperation.callback
                ? new PainelCallbackProtocol(ZoneId.of(configuration.getTimeZone()), configuration.getDefaultRegion())
                : null;
    }

    @Override
    protected String operationName() {
        return configuration.getOperation().name();
    }

    public PainelConfiguration getConfiguration() {
        return configuration;
    }
}
