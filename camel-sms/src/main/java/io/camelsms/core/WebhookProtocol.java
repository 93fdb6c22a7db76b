package io.camelsms.core;

import java.util.List;

import org.apache.camel.Exchange;

/**
 * One provider's webhook format: how a call becomes events, how an event becomes an exchange, and what the
 * provider is answered. Everything else (secret, size limit, errors, header hygiene) is {@link WebhookHandler}'s.
 *
 * @param <E> the event type, e.g. {@link InboundMessage}
 */
public interface WebhookProtocol<E> {

    /** The HTTP methods the provider calls with, e.g. {@code GET}. */
    List<String> methods();

    /** The events in one call; a payload that breaks the format throws {@link MalformedWebhookException}. */
    List<E> parse(WebhookRequest request);

    /** Puts one event on the exchange the route receives (body and headers). */
    void toExchange(E event, Exchange exchange);

    /**
     * The answer once every event went through the route.
     *
     * @param handled one entry per event, in order, with the exchange after the route and whether it succeeded
     */
    WebhookReply reply(List<Handled<E>> handled);

    /** The default answer: {@code ok} when every event was processed, 500 when any failed (the provider retries). */
    static <E> WebhookReply okUnlessFailed(List<Handled<E>> handled) {
        return handled.stream().allMatch(Handled::succeeded)
                ? WebhookReply.text(200, "ok")
                : WebhookReply.text(500, "not processed");
    }

    /** An event and its exchange after the route ran; the exchange is null for an event emitted before (not routed). */
    record Handled<E>(E event, Exchange exchange, boolean succeeded) {
    }
}
