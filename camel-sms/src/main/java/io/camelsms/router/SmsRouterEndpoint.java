package io.camelsms.router;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Send SMS through whichever provider serves each number: an ordered routing table matches numbers by country or
 * prefix and names providers in failover order; batches a provider surely did not accept go to the next one, never
 * those it may have acted on. One stream of delivery reports, and one of replies, from every provider the rules use.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "sms", title = "SMS router", syntax = "sms:operation",
             remote = true, category = { Category.MOBILE }, headersClass = SmsRouterHeaders.class)
public class SmsRouterEndpoint extends DefaultEndpoint {

    @UriParam
    private final SmsRouterConfiguration configuration;

    public SmsRouterEndpoint(String uri, SmsRouterComponent component, SmsRouterConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public SmsRouterComponent getComponent() {
        return (SmsRouterComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (configuration.getOperation() != SmsRouterOperation.send) {
            throw new UnsupportedOperationException("sms:" + configuration.getOperation()
                                                    + " is a consumer; send with sms:send");
        }
        return new SmsRouterProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.getOperation() == SmsRouterOperation.send) {
            throw new UnsupportedOperationException("sms:send is a producer; receive with from(\"sms:dlr\") or"
                                                    + " from(\"sms:inbound\")");
        }
        Consumer consumer = new MergedConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The routing table, read from the rules option (fails naming the rule that cannot be read). */
    RoutingRules routingRules() {
        return RoutingRules.parse(configuration.getRules());
    }

    public SmsRouterConfiguration getConfiguration() {
        return configuration;
    }
}
