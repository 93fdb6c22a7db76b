package io.camelsms.core;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Camel's platform-http (Vert.x) server answer malformed calls with a 4xx before they reach a route, where
 * it would otherwise answer 500 with a stack trace in the log:
 * <ul>
 * <li>a path with bad percent-encoding ({@code /sms/x/%zz}) fails Vert.x's path normalisation: 400;</li>
 * <li>a GET (or any method but POST, PUT, PATCH, DELETE) declaring a form or multipart body makes Vert.x's body
 * handler throw: the content type is dropped, since such a call's parameters are in its query (the body of a GET
 * has no meaning), and the webhook answers it as it answers any GET;</li>
 * <li>any other failure of the server itself: 400 for a request it could not read, else 500, with one log line
 * (the stack trace only at DEBUG).</li>
 * </ul>
 * Installed once per server, in front of every route of it, by the first webhook consumer that starts. Without
 * the Vert.x server (another platform-http engine), the server in use answers such calls itself.
 */
final class WebhookServerGuard {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServerGuard.class);
    /** The servers' routers already guarded (weakly held: a stopped server's router goes away). */
    private static final Set<Router> GUARDED = Collections.newSetFromMap(new WeakHashMap<>());
    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private WebhookServerGuard() {
    }

    /** Installs the guard on the context's platform-http servers that are Vert.x ones and not guarded yet. */
    static synchronized void install(CamelContext context) {
        for (VertxPlatformHttpRouter platform : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            HttpServer server = platform.getServer() == null ? null : platform.getServer().getServer();
            Handler<HttpServerRequest> handler = server == null ? null : server.requestHandler();
            if (handler instanceof Router router && GUARDED.add(router)) {
                router.route().order(Integer.MIN_VALUE).handler(WebhookServerGuard::screen);
                router.errorHandler(400, WebhookServerGuard::failed);
                router.errorHandler(500, WebhookServerGuard::failed);
            }
        }
    }

    private static void screen(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        try { // Vert.x's own normalisation (an internal class): the one its router fails on; the 500 handler stays the net
            HttpUtils.normalizePath(request.path());
        } catch (IllegalArgumentException e) { // the path is not logged: a webhook's path may carry its secret
            LOG.warn("Refused a {} call with a malformed path", request.method());
            answer(routing, 400, "malformed path");
            return;
        }
        try {
            new QueryStringDecoder(request.uri()).parameters();
        } catch (IllegalArgumentException e) { // the message names the URI, which may hold a secret: not logged
            LOG.warn("Refused a {} call with a malformed query string", request.method());
            answer(routing, 400, "malformed query");
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !BODY_METHODS.contains(request.method())) {
            String type = contentType.toLowerCase();
            if (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded")) {
                request.headers().remove(HttpHeaders.CONTENT_TYPE);
            }
        }
        routing.next();
    }

    private static void failed(RoutingContext routing) {
        Throwable failure = routing.failure();
        HttpServerRequest request = routing.request();
        boolean unreadable = routing.statusCode() == 400 || failure instanceof IllegalArgumentException
                             || failure instanceof IllegalStateException;
        // only the type: messages of parsing failures quote the URI, and a webhook's URI may carry its secret
        String what = failure == null ? "no cause" : failure.getClass().getSimpleName();
        if (unreadable) {
            LOG.warn("Refused a {} call the HTTP server could not read: {}", request.method(), what);
        } else {
            LOG.error("The HTTP server failed on a {} call: {}", request.method(), what);
        }
        LOG.debug("HTTP server failure", failure);
        answer(routing, unreadable ? 400 : 500, unreadable ? "malformed request" : "error");
    }

    private static void answer(RoutingContext routing, int status, String body) {
        if (routing.response().ended()) {
            return;
        }
        routing.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(body);
    }
}
