package io.camelsms.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.test.AvailablePortFinder;

/** Camel's embedded platform-http server on a free loopback port, as camel-main starts it with camel.server.*. */
public final class PlatformHttp {

    private PlatformHttp() {
    }

    /** Adds the server to the context (it starts with it) and returns its base URL. */
    public static String addServer(CamelContext context) throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        MainHttpServer server = new MainHttpServer();
        server.setCamelContext(context);
        server.setHost("127.0.0.1");
        server.setPort(port);
        context.addService(server, true, true);
        return "http://127.0.0.1:" + port;
    }
}
