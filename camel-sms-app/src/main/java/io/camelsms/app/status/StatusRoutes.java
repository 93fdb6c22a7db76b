package io.camelsms.app.status;

import org.apache.camel.builder.RouteBuilder;

/**
 * The status page on the app's embedded HTTP server (camel.server.*, loopback by default): GET only, read-only.
 * Request headers are removed before the answer, so none is echoed back. A timer samples the tracked statuses for
 * the page's chart every {@code sms.status.sample-interval} ms. Off with {@code sms.status.enabled=false}.
 */
public final class StatusRoutes extends RouteBuilder {

    /** Where the page is served; its JSON twin and script sit beside it. */
    public static final String PATH = "/sms/status";

    @Override
    public void configure() {
        from("timer:status-history?period={{sms.status.sample-interval:5000}}").routeId("status-history")
                .autoStartup("{{sms.status.enabled:true}}")
                .bean("statusPage", "sample");
        serve(PATH, "status-page", "html");
        serve(PATH + ".json", "status-json", "json");
        serve(PATH + ".js", "status-script", "script");
    }

    private void serve(String path, String routeId, String method) {
        from("platform-http:" + path + "?httpMethodRestrict=GET").routeId(routeId)
                .autoStartup("{{sms.status.enabled:true}}")
                .removeHeaders("*")
                .bean("statusPage", method);
    }
}
