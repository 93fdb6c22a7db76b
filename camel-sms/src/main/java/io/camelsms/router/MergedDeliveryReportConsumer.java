package io.camelsms.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sms:dlr}: the {@code <scheme>:dlr} consumer of every provider the rules name, each configured by its own
 * component (tracking store, account, webcom's dlrMode ...), all feeding one route. Each report comes from the
 * provider that took the message and says so ({@code provider}, header {@code CamelSmsProvider}); each provider's
 * consumer emits a change once, so the merged stream does too.
 */
class MergedDeliveryReportConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MergedDeliveryReportConsumer.class);
    /** PW-API v4 documents no status call and no callback: it has no delivery reports to merge. */
    static final Set<String> WITHOUT_DELIVERY_REPORTS = Set.of("pwapi");

    private final List<Consumer> consumers = new ArrayList<>();

    MergedDeliveryReportConsumer(SmsRouterEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public SmsRouterEndpoint getEndpoint() {
        return (SmsRouterEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String options = getEndpoint().getConfiguration().providerPollOptions();
        for (String provider : getEndpoint().routingRules().providers()) {
            if (WITHOUT_DELIVERY_REPORTS.contains(provider)) {
                LOG.info("sms:dlr: {} has no delivery reports (no status call in its document); not merged",
                         provider);
                continue;
            }
            Endpoint dlr = getEndpoint().getCamelContext().getEndpoint(provider + ":dlr"
                    + (options.isEmpty() ? "" : "?" + options));
            Consumer consumer = dlr.createConsumer(getProcessor());
            if (consumer instanceof RouteIdAware routed) {
                routed.setRouteId(getRouteId()); // its exchanges belong to the sms:dlr route
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
