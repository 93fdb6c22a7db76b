package io.camelsms.painel;

import java.time.ZoneId;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

import io.camelsms.core.EventLedger;
import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.core.SmsEndpoint;
import io.camelsms.core.WebhookProtocol;
import io.camelsms.observability.AccountHealthEndpoint;
import io.camelsms.observability.CachedHealthCheck;
import io.camelsms.painel.model.PainelApi;

/**
 * Send SMS campaigns through the "Painel" platform (LocaSMS panel, its api.ashx module) over HTTP GET, query
 * their status and the balance, hold and release them, receive delivery updates and replies on the callback, and
 * poll the delivery status of tracked messages (dlr).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "painel", title = "Painel SMS", syntax = "painel:operation",
             remote = true, category = { Category.MOBILE }, headersClass = PainelConstants.class)
public class PainelEndpoint extends SmsEndpoint implements AccountHealthEndpoint {

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

    @Override
    public String providerBaseUrl() {
        return configuration.getBaseUrl();
    }

    /**
     * getbalance, in the account's once-a-minute slot shared with painel:balance and painel:status: when a route
     * has just used it, the check keeps its last answer rather than wait or break the limit.
     */
    @Override
    public CachedHealthCheck.Probe accountProbe() {
        if (configuration.getHealthCheckInterval() < PainelApi.QUERY_INTERVAL.toMillis()) {
            throw new IllegalArgumentException("painel: healthCheckInterval must be at least "
                    + PainelApi.QUERY_INTERVAL.toMillis() + " ms (getbalance is allowed once a minute), was "
                    + configuration.getHealthCheckInterval());
        }
        PainelClient client = new PainelClient(this);
        return builder -> {
            if (!client.tryTakeQuerySlot(PainelApi.GETBALANCE)) {
                return false;
            }
            PainelClient.Balance balance = client.balanceInSlot();
            builder.up().message("painel: getbalance answered")
                    .detail("balance", balance.amount().toPlainString());
            return true;
        };
    }

    public PainelConfiguration getConfiguration() {
        return configuration;
    }
}
