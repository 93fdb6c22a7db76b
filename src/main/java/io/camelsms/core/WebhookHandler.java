package io.camelsms.core;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one provider webhook on an HTTP exchange (platform-http, or Camel's {@code webhook:} component):
 * <ol>
 * <li>a body plus query larger than {@code maxRequestSize} gets 413;</li>
 * <li>with a secret configured, a call without it (query {@code secret} or the path segment after the webhook
 * path) gets 401; without one, an unknown sub-path gets 404;</li>
 * <li>a payload the protocol cannot parse gets 400 and a log line naming the fault, and reaches no route;</li>
 * <li>each event the {@link EventLedger} finds new goes through the route as its own exchange, and is recorded
 * only after it completed; events already emitted (by an earlier push or a poll) are acknowledged without being
 * routed again; only then is the provider answered, so a failure can be answered with an error the provider
 * retries on.</li>
 * </ol>
 * The reply carries only a status, a content type and the protocol's body: no request header is echoed back.
 */
public final class WebhookHandler<E> implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    static final String SECRET_PARAM = "secret";

    private final Endpoint endpoint;
    private final WebhookSettings settings;
    private final WebhookProtocol<E> protocol;
    private final Processor route;
    private final EventLedger<E> ledger;
    private final byte[] secret;

    public WebhookHandler(Endpoint endpoint, WebhookSettings settings, WebhookProtocol<E> protocol, Processor route,
                          EventLedger<E> ledger) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.protocol = protocol;
        this.route = route;
        this.ledger = ledger;
        this.secret = settings.secret() == null || settings.secret().isEmpty()
                ? null : settings.secret().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void process(Exchange http) {
        WebhookReply reply;
        try {
            reply = handle(http.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{}: webhook {} failed unexpectedly", endpointName(), settings.path(), e);
            reply = WebhookReply.text(500, "error");
        }
        Message out = http.getMessage();
        out.getHeaders().clear();
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        out.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        out.setBody(reply.body());
    }

    private WebhookReply handle(Message in) {
        String rawQuery = in.getHeader(Exchange.HTTP_QUERY, String.class);
        byte[] body = in.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        long size = body.length + (rawQuery == null ? 0 : rawQuery.length());
        if (size > settings.maxRequestSize()) {
            LOG.warn("{}: webhook {} refused a call of {} bytes (maxRequestSize {})", endpointName(), settings.path(),
                    size, settings.maxRequestSize());
            return WebhookReply.text(413, "too large");
        }
        Map<String, String> query = decode(rawQuery);
        String pathSecret = subPath(in);
        String given = query.remove(SECRET_PARAM);
        if (secret != null) {
            String candidate = given != null ? given : pathSecret;
            if (candidate == null || !MessageDigest.isEqual(secret, candidate.getBytes(StandardCharsets.UTF_8))) {
                LOG.warn("{}: webhook {} refused a call without the shared secret", endpointName(), settings.path());
                return WebhookReply.text(401, "unauthorized");
            }
        } else if (pathSecret != null) {
            return WebhookReply.text(404, "not found");
        }
        List<E> events;
        try {
            events = protocol.parse(new WebhookRequest(in.getHeader(Exchange.HTTP_METHOD, String.class), query, body));
        } catch (MalformedWebhookException e) {
            LOG.warn("{}: webhook {} refused a malformed call: {}", endpointName(), settings.path(), e.getMessage());
            return WebhookReply.text(400, "malformed: " + e.getMessage());
        }
        List<WebhookProtocol.Handled<E>> handled = new ArrayList<>(events.size());
        for (E event : events) {
            var entry = ledger.news(event);
            if (entry.isEmpty()) {
                handled.add(new WebhookProtocol.Handled<>(event, null, true)); // emitted before: acknowledge only
                continue;
            }
            Exchange exchange = endpoint.createExchange();
            protocol.toExchange(entry.get().event(), exchange);
            try {
                route.process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            boolean ok = exchange.getException() == null;
            if (ok) {
                entry.get().record();
            } else {
                entry.get().release();
                LOG.warn("{}: the route failed on a webhook event; the provider is told so it can retry: {}",
                        endpointName(), exchange.getException().getMessage());
            }
            handled.add(new WebhookProtocol.Handled<>(event, exchange, ok));
        }
        return protocol.reply(handled);
    }

    /** The path segment after the webhook path, or null when the call is for the path itself. */
    private String subPath(Message in) {
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            return null;
        }
        String path = URI.create(uri).getRawPath();
        int at = path == null ? -1 : path.indexOf(settings.path());
        if (at < 0) {
            return null;
        }
        String rest = path.substring(at + settings.path().length());
        rest = rest.startsWith("/") ? rest.substring(1) : rest;
        return rest.isEmpty() ? null : URLDecoder.decode(rest, StandardCharsets.UTF_8);
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private String endpointName() {
        return endpoint.getEndpointBaseUri();
    }

    public List<String> methods() {
        return protocol.methods();
    }
}
