package io.camelsms.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sms:dlr} and {@code sms:inbound}: the matching consumer of every provider the rules name, each configured
 * by its own component (tracking store, account, webcom's dlrMode, webhook secrets ...), all feeding one route. Each
 * event comes from the provider that took the message and says so ({@code provider}, header
 * {@code CamelSmsProvider}); each provider's consumer emits an event once, so the merged stream does too.
 */
class MergedConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MergedConsumer.class);
    /**
     * The consumer operation of each provider, per merged operation. Delivery reports: pwapi has none (its document
     * has no status call). Replies: smsclouds pushes them alone; painel's callback carries its delivery changes too,
     * so it is not merged into a stream of replies (consume painel:callback directly).
     */
    static final Map<SmsRouterOperation, Map<String, String>> PROVIDER_OPERATIONS = Map.of(
            SmsRouterOperation.dlr, Map.of("painel", "dlr", "webcom", "dlr", "smsway", "dlr", "smsclouds", "dlr"),
            SmsRouterOperation.inbound, Map.of("smsclouds", "inbound"));

    private final List<Consumer> consumers = new ArrayList<>();

    MergedConsumer(SmsRouterEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public SmsRouterEndpoint getEndpoint() {
        return (SmsRouterEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SmsRouterConfiguration configuration = getEndpoint().getConfiguration();
        SmsRouterOperation operation = configuration.getOperation();
        Map<String, String> operations = PROVIDER_OPERATIONS.get(operation);
        String options = operation == SmsRouterOperation.dlr ? configuration.providerPollOptions() : "";
        for (String provider : getEndpoint().routingRules().providers()) {
            String providerOperation = operations.get(provider);
            if (providerOperation == null) {
                LOG.info("sms:{}: {} has no such stream; not merged", operation, provider);
                continue;
            }
            Endpoint source = getEndpoint().getCamelContext().getEndpoint(provider + ":" + providerOperation
                    + (options.isEmpty() ? "" : "?" + options));
            Consumer consumer = source.createConsumer(getProcessor());
            if (consumer instanceof RouteIdAware routed) {
                routed.setRouteId(getRouteId()); // its exchanges belong to this route
            }
            consumers.add(consumer);
            ServiceHelper.startService(consumer);
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(consumers);
        consumers.clear();
        super.doStop();
    }
}
