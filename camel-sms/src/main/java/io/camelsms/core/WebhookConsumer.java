package io.camelsms.core;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A consumer that listens for a provider's webhook calls on Camel's platform-http server (embedded in camel-main
 * with {@code camel-platform-http-main}: {@code camel.server.enabled=true}, {@code camel.server.port}).
 */
public class WebhookConsumer<E> extends DefaultConsumer {

    /**
     * The guard works on Camel's Vert.x platform-http server; with another platform-http engine (Spring Boot's
     * servlet one, say) Vert.x is not on the classpath and that server answers malformed calls itself.
     */
    private static final boolean VERTX_SERVER_AVAILABLE = isPresent(
            "org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter");

    private final WebhookSettings settings;
    private final WebhookProtocol<E> protocol;
    private final EventLedger<E> ledger;
    private Consumer httpConsumer;

    public WebhookConsumer(Endpoint endpoint, Processor processor, WebhookSettings settings,
                           WebhookProtocol<E> protocol, EventLedger<E> ledger) {
        super(endpoint, processor);
        this.settings = settings;
        this.protocol = protocol;
        this.ledger = ledger;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, WebhookConsumer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Endpoint http = getEndpoint().getCamelContext().getEndpoint("platform-http:" + settings.path()
                + "?matchOnUriPrefix=true&httpMethodRestrict=" + String.join(",", protocol.methods()));
        httpConsumer = http.createConsumer(new WebhookHandler<>(getEndpoint(), settings, protocol, getProcessor(),
                ledger));
        ServiceHelper.startService(ledger, httpConsumer);
        if (VERTX_SERVER_AVAILABLE) {
            WebhookServerGuard.install(getEndpoint().getCamelContext());
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownService(httpConsumer);
        ServiceHelper.stopService(ledger);
        super.doStop();
    }
}
