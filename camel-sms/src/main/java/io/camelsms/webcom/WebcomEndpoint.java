package io.camelsms.webcom;

import java.time.Clock;
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
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.WebhookProtocol;
import io.camelsms.observability.AccountHealthEndpoint;
import io.camelsms.observability.CachedHealthCheck;
import io.camelsms.webcom.model.WebcomBalance;

/**
 * Send SMS and Viber messages through the Webcom Mobi A2P platform (lk.mysmpp.ru), query their states and the
 * balance, and receive state changes on the platform's status webhook or by polling the states of open messages.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "webcom", title = "Webcom Mobi SMS", syntax = "webcom:operation",
             remote = true, category = { Category.MOBILE }, headersClass = SmsHeaders.class)
public class WebcomEndpoint extends SmsEndpoint implements AccountHealthEndpoint {

    @UriParam
    private final WebcomConfiguration configuration;
    /** Now, for validity_period; replaceable in tests. */
    private Clock clock = Clock.systemUTC();

    public WebcomEndpoint(String uri, WebcomComponent component, WebcomConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        if (configuration.getOperation() == WebcomOperation.dlr) {
            throw new UnsupportedOperationException("webcom:dlr receives state changes; use it in from(...)");
        }
        return new WebcomProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getOperation() != WebcomOperation.dlr) {
            throw new UnsupportedOperationException("webcom:" + configuration.getOperation()
                                                    + " is a producer operation; webcom:dlr is the consumer");
        }
        if (configuration.getDlrMode() == WebcomDlrMode.poll) {
            return createDeliveryReportConsumer(processor, new WebcomStatusSource(WebcomApi.of(configuration)));
        }
        return createWebhookConsumer(processor);
    }

    /** Pushed states go through the tracking store when one is configured, so a poll never repeats them. */
    @Override
    @SuppressWarnings("unchecked")
    protected <E> EventLedger<E> webhookLedger() {
        return isPushedDlr() ? (EventLedger<E>) WebcomDlrProtocol.ledger(trackingLedger()) : super.webhookLedger();
    }

    @Override
    protected SmsConsumerConfiguration consumerConfiguration() {
        return configuration;
    }

    @Override
    protected WebhookProtocol<?> webhookProtocol() {
        return isPushedDlr() ? new WebcomDlrProtocol(zone()) : null;
    }

    private boolean isPushedDlr() {
        return configuration.getOperation() == WebcomOperation.dlr && configuration.getDlrMode() == WebcomDlrMode.push;
    }

    @Override
    protected String operationName() {
        return configuration.getOperation().name();
    }

    ZoneId zone() {
        return ZoneId.of(configuration.getTimeZone());
    }

    @Override
    public String providerBaseUrl() {
        return configuration.getBaseUrl();
    }

    /** balance.php, one call without retries: UP with the money and currency the platform reports. */
    @Override
    public CachedHealthCheck.Probe accountProbe() {
        WebcomApi api = WebcomApi.of(configuration.copyWithoutRetries());
        return builder -> {
            WebcomBalance balance = api.balance();
            builder.up().message("webcom: balance.php answered")
                    .detail("balance", balance.money() == null ? null : balance.money().toPlainString())
                    .detail("currency", balance.currency());
            return true;
        };
    }

    public WebcomConfiguration getConfiguration() {
        return configuration;
    }

    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
