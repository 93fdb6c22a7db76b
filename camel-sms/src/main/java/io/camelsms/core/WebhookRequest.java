package io.camelsms.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a provider sent to a webhook, after the secret and size checks.
 *
 * @param method HTTP method
 * @param query  decoded query parameters (the {@code secret} parameter removed)
 * @param body   raw body (empty for GET)
 */
public record WebhookRequest(String method, Map<String, String> query, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A required query parameter, or a {@link MalformedWebhookException} naming it. */
    public String requiredParam(String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedWebhookException("query parameter '" + name + "' is missing");
        }
        return value;
    }
}
