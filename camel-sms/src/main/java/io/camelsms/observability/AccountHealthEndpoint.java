package io.camelsms.observability;

import java.net.URI;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.EndpointServiceLocation;

import io.camelsms.core.ServiceLocations;
import io.camelsms.core.SmsConfiguration;

/**
 * An endpoint that talks to a provider account: it says where (Camel's {@link EndpointServiceLocation}, shown by the
 * {@code service} console and JMX) and how to check that the account works ({@link SmsHealthChecks}).
 */
public interface AccountHealthEndpoint extends Endpoint, EndpointServiceLocation {

    /** The endpoint's options (the sms: router reads each provider's tracking store and account label here too). */
    SmsConfiguration getConfiguration();

    /** The provider's base URL as configured (it may hold credentials a user wrote into it; never printed). */
    String providerBaseUrl();

    /**
     * The account's check, built from this endpoint's options with the component's own client: the cheapest
     * documented call, never a send.
     *
     * @throws IllegalArgumentException naming an option that does not allow a check
     */
    CachedHealthCheck.Probe accountProbe();

    /** The base URL without user info, query or fragment: where the endpoint talks, safe to show. */
    @Override
    default String getServiceUrl() {
        return ServiceLocations.withoutSecrets(providerBaseUrl());
    }

    @Override
    default String getServiceProtocol() {
        String url = providerBaseUrl();
        return url == null ? null : URI.create(url.strip()).getScheme();
    }

    /** The provider and the account's label (a digest or the name chosen for it, never a login or key). */
    @Override
    default Map<String, String> getServiceMetadata() {
        return Map.of("provider", SmsHealthChecks.scheme(this), "account", getConfiguration().trackingAccount());
    }
}
