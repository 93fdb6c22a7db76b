package io.camelsms.core;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.observability.AccountObserver;

/**
 * Serves one provider webhook on an HTTP exchange (platform-http, or Camel's {@code webhook:} component):
 * <ol>
 * <li>a body plus query larger than {@code maxRequestSize} gets 413;</li>
 * <li>a call without the webhook's secret (query {@code secret} or the path segment after the webhook path; during
 * a rotation the previous secret too, until its expiry) gets 401; a webhook without a secret does not even start
 * unless the user opted out ({@code webhookAllowUnauthenticated=true}), and then an unknown sub-path gets 404;</li>
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
    private final WebhookSecrets secrets;
    private final AccountObserver observer;

    public WebhookHandler(Endpoint endpoint, WebhookSettings settings, WebhookProtocol<E> protocol, Processor route,
                          EventLedger<E> ledger) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.protocol = protocol;
        this.route = route;
        this.ledger = ledger;
        this.secrets = settings.secrets();
        this.observer = endpoint instanceof SmsEndpoint sms ? sms.observer() : AccountObserver.NONE;
        requireAuthentication();
    }

    /** Secure by default: no secret, no webhook, unless the user explicitly opted out (then one WARN). */
    private void requireAuthentication() {
        if (secrets.configured()) {
            if (secrets.previousValidUntil() != null) {
                LOG.info("{}: webhook {} also accepts the previous secret until {}", endpointName(), settings.path(),
                        secrets.previousValidUntil());
            }
            return;
        }
        if (!settings.allowUnauthenticated()) {
            throw new IllegalArgumentException(endpointName() + ": webhook " + settings.path() + " needs a shared"
                    + " secret: set option webhookSecret (endpoint option, or camel.component.<scheme>.webhook-secret),"
                    + " or webhookAllowUnauthenticated=true to accept calls from anyone who can reach it");
        }
        LOG.warn("{}: webhook {} accepts calls WITHOUT a secret (webhookAllowUnauthenticated=true): anyone who can"
                 + " reach it can forge delivery reports and replies", endpointName(), settings.path());
    }

    @Override
    public void process(Exchange http) {
        WebhookReply reply;
        try {
            reply = handle(http.getMessage());
        } catch (RuntimeException e) { // e.g. the tracking store is down: 500, so the provider calls again
            LOG.error("{}: webhook {} failed unexpectedly: {}", endpointName(), settings.path(), e.toString());
            LOG.debug("{}: webhook {} failure", endpointName(), settings.path(), e);
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
            return refused(413, "too large");
        }
        Map<String, String> query;
        String pathSecret;
        try {
            query = decode(rawQuery);
            pathSecret = subPath(in);
        } catch (IllegalArgumentException e) { // bad percent-encoding; the text is not logged, it may hold a secret
            LOG.warn("{}: webhook {} refused a call with a malformed query or path", endpointName(), settings.path());
            return refused(400, "malformed query or path");
        }
        String given = query.remove(SECRET_PARAM);
        if (secrets.configured()) {
            if (!secrets.accepts(given != null ? given : pathSecret)) {
                LOG.warn("{}: webhook {} refused a call without the shared secret", endpointName(), settings.path());
                return refused(401, "unauthorized");
            }
        } else if (pathSecret != null) {
            return refused(404, "not found");
        }
        List<E> events;
        try {
            events = protocol.parse(new WebhookRequest(in.getHeader(Exchange.HTTP_METHOD, String.class), query, body));
        } catch (MalformedWebhookException e) {
            LOG.warn("{}: webhook {} refused a malformed call: {}", endpointName(), settings.path(), e.getMessage());
            return refused(400, "malformed: " + e.getMessage());
        }
        List<WebhookProtocol.Handled<E>> handled = new ArrayList<>(events.size());
        int at = 0;
        while (at < events.size()) {
            // the events of a batched push are looked up together and their changes recorded in one transaction
            List<Optional<EventLedger.Entry<E>>> round = ledger.newsOf(events.subList(at, events.size()));
            if (round.isEmpty()) {
                throw new IllegalStateException("the ledger answered no event of " + (events.size() - at));
            }
            List<EventLedger.Entry<E>> routed = new ArrayList<>(round.size());
            for (int i = 0; i < round.size(); i++) {
                E event = events.get(at + i);
                Optional<EventLedger.Entry<E>> entry = round.get(i);
                if (entry.isEmpty()) {
                    handled.add(new WebhookProtocol.Handled<>(event, null, true)); // emitted before: acknowledge only
                    continue;
                }
                Exchange exchange = route(entry.get());
                boolean ok = exchange.getException() == null;
                if (ok) {
                    routed.add(entry.get());
                } else {
                    entry.get().release();
                    LOG.warn("{}: the route failed on a webhook event; the provider is told so it can retry: {}",
                            endpointName(), exchange.getException().getMessage());
                }
                handled.add(new WebhookProtocol.Handled<>(event, exchange, ok));
            }
            ledger.recordAll(routed);
            routed.forEach(entry -> observer.routed(entry.event()));
            at += round.size();
        }
        return protocol.reply(handled);
    }

    private Exchange route(EventLedger.Entry<E> entry) {
        Exchange exchange = endpoint.createExchange();
        protocol.toExchange(entry.event(), exchange);
        exchange.getMessage().getHeaders().putAll(entry.headers());
        try {
            this.route.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        return exchange;
    }

    /** A call refused before any route saw it: counted by status. */
    private WebhookReply refused(int status, String body) {
        observer.webhookRefused(status);
        return WebhookReply.text(status, body);
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
