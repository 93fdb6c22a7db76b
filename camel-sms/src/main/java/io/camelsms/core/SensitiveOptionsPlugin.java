package io.camelsms.core;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Registers camel-sms's credential option names as sensitive as soon as a CamelContext is set up (found through
 * {@code META-INF/services}), before camel-main logs any property: a component registering them itself would be
 * too late for camel-main's early DEBUG listing of every property.
 */
public final class SensitiveOptionsPlugin implements ContextServicePlugin {

    @Override
    public void load(CamelContext camelContext) {
        SensitiveOptions.register(camelContext);
    }
}
