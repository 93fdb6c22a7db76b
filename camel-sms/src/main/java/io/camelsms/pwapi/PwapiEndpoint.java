package io.camelsms.pwapi;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

import io.camelsms.core.SmsHeaders;
import io.camelsms.observability.AccountHealthEndpoint;
import io.camelsms.observability.CachedHealthCheck;

/**
 * Send SMS through PW-API SMS-MT 4.0 (PitchWink, formerly Mobile Pronto): one message or a million, split at
 * the document's 20,000 per request, validated against the document before anything leaves.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "pwapi", title = "PW-API SMS", syntax = "pwapi:operation",
             producerOnly = true, remote = true, category = { Category.MOBILE }, headersClass = SmsHeaders.class)
public class PwapiEndpoint extends DefaultEndpoint implements AccountHealthEndpoint {

    @UriParam
    private final PwapiConfiguration configuration;

    public PwapiEndpoint(String uri, PwapiComponent component, PwapiConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new PwapiProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("pwapi: sends only; PW-API 4.0 documents no inbound or status API");
    }

    @Override
    public String providerBaseUrl() {
        return configuration.getBaseUrl();
    }

    /** A connect to the host only: PW-API documents no call that checks the account without sending. */
    @Override
    public CachedHealthCheck.Probe accountProbe() {
        return new PwapiReachability(configuration);
    }

    public PwapiConfiguration getConfiguration() {
        return configuration;
    }
}
