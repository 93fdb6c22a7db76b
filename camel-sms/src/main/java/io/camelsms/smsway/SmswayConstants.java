package io.camelsms.smsway;

import org.apache.camel.spi.Metadata;

import io.camelsms.core.SmsHeaders;

/** Headers of {@code smsway:} beyond the shared ones. */
public final class SmswayConstants extends SmsHeaders {

    @Metadata(label = "producer", description = "Operation last: how many of the latest messages to ask for (1-100);"
                                                + " overrides the qty option.", javaType = "Integer")
    public static final String QTY = "CamelSmsWayQty";
    @Metadata(label = "producer", description = "Operation last: the smsgetlast entries as the provider sent them"
                                                + " (io.camelsms.smsway.model.SmswaySms, with tsreq), in the order of"
                                                + " the DeliveryReport body.",
              javaType = "java.util.List<io.camelsms.smsway.model.SmswaySms>")
    public static final String ENTRIES = "CamelSmsWayEntries";

    private SmswayConstants() {
    }
}
