package io.camelsms.painel;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.core.SmsEndpoint;
import io.camelsms.core.WebhookProtocol;

/**
 * Send SMS campaigns through the "Painel" platform (LocaSMS panel, {@code /painel/api.ashx}) over HTTP GET, query
 * their status and the balance, hold and release them, and receive delivery updates and replies on the callback.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "painel", title = "Painel SMS", syntax = "painel:operation",
             remote = true, category = { Category.MOBILE }, headersClass = PainelConstants.class)
public class PainelEndpoint extends SmsEndpoint {

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
        if (configuration.getOperation() == PainelOperation.callback) {
            throw new UnsupportedOperationException("painel:callback is a consumer; send with painel:send");
        }
        return new PainelProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getOperation() != PainelOperation.callback) {
            throw new UnsupportedOperationException("painel:" + configuration.getOperation()
                                                    + " is a producer; receive with from(\"painel:callback\")");
        }
        return createWebhookConsumer(processor);
    }

    @Override
    protected SmsConsumerConfiguration consumerConfiguration() {
        return configuration;
    }

    @Override
    protected WebhookProtocol<?> webhookProtocol() {
        return configuration.getOperation() == PainelOperation.callback
                ? new PainelCallbackProtocol(java.time.ZoneId.of(configuration.getTimeZone())) : null;
    }

    @Override
    protected String operationName() {
        return configuration.getOperation().name();
    }

    public PainelConfiguration getConfiguration() {
        return configuration;
    }
}
