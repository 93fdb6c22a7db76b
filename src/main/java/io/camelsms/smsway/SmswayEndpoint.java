package io.camelsms.smsway;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send SMS through SmsWay (the account owner's own phone, one recipient per call) within the account's per-minute,
 * per-hour and per-day quotas, read the state of the latest messages, and read or change the account's settings.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "smsway", title = "SmsWay", syntax = "smsway:operation",
             producerOnly = true, remote = true, category = { Category.MOBILE }, headersClass = SmswayConstants.class)
public class SmswayEndpoint extends DefaultEndpoint {

    @UriParam
    private final SmswayConfiguration configuration;

    public SmswayEndpoint(String uri, SmswayComponent component, SmswayConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new SmswayProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("smsway: producer only; poll smsway:last for message states");
    }

    public SmswayConfiguration getConfiguration() {
        return configuration;
    }
}
