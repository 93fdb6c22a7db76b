package io.camelsms.smsway;

import java.time.Duration;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.core.SmsEndpoint;
import io.camelsms.core.WebhookProtocol;
import io.camelsms.observability.AccountHealthEndpoint;
import io.camelsms.observability.CachedHealthCheck;
import io.camelsms.smsway.model.SmswayUserInfo;

/**
 * Send SMS through SmsWay (the account owner's own phone, one recipient per call) within the account's per-minute,
 * per-hour and per-day quotas, read the state of the latest messages, follow the delivery of sent messages, and
 * read or change the account's settings.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "smsway", title = "SmsWay", syntax = "smsway:operation",
             remote = true, category = { Category.MOBILE }, headersClass = SmswayConstants.class)
public class SmswayEndpoint extends SmsEndpoint implements AccountHealthEndpoint {

    @UriParam
    private final SmswayConfiguration configuration;

    public SmswayEndpoint(String uri, SmswayComponent component, SmswayConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        if (configuration.getOperation() == SmswayOperation.dlr) {
            throw new UnsupportedOperationException("smsway:dlr is a consumer; use it in from()");
        }
        return new SmswayProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getOperation() != SmswayOperation.dlr) {
            throw new UnsupportedOperationException("smsway:" + configuration.getOperation() + " is a producer"
                    + " operation; the consumer is smsway:dlr");
        }
        SmswayStatusMatch match = new SmswayStatusMatch(Duration.ofMillis(configuration.getMatchWindow()));
        return createDeliveryReportConsumer(processor,
                new SmswayDeliveryStatusSource(new SmswayApi(configuration), match));
    }

    @Override
    protected SmsConsumerConfiguration consumerConfiguration() {
        return configuration;
    }

    /** SmsWay calls no webhook. */
    @Override
    protected WebhookProtocol<?> webhookProtocol() {
        return null;
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
     * userinfo, one call without retries: SmsWay has no balance (it sends from the owner's phone), so UP carries
     * the account's quotas instead (0 = no limit).
     */
    @Override
    public CachedHealthCheck.Probe accountProbe() {
        SmswayApi api = new SmswayApi(configuration.copyWithoutRetries());
        return builder -> {
            SmswayUserInfo info = api.userinfo();
            builder.up().message("smsway: userinfo answered")
                    .detail("quota.perMinute", info.maxmin())
                    .detail("quota.perHour", info.maxhour())
                    .detail("quota.perDay", info.maxday());
            return true;
        };
    }

    public SmswayConfiguration getConfiguration() {
        return configuration;
    }
}
