package io.camelsms.router;

import org.apache.camel.spi.Metadata;

import io.camelsms.core.SmsHeaders;

/** Headers of {@code sms:}: the shared ones, and the one that overrides the routing rules. */
public final class SmsRouterHeaders extends SmsHeaders {

    @Metadata(label = "producer", description = "Sends every message of the exchange through this provider (a"
            + " scheme the rules name, e.g. pwapi) instead of the one its rule names, without failover. A message"
            + " whose external id a provider already accepted (or may have) still goes to that provider.",
              javaType = "String")
    public static final String FORCE_PROVIDER = "CamelSmsForceProvider";

    private SmsRouterHeaders() {
    }
}
