package io.camelsms.core;

/** What a webhook answers the provider. */
public record WebhookReply(int status, String contentType, String body) {

    public static WebhookReply text(int status, String body) {
        return new WebhookReply(status, "text/plain; charset=utf-8", body);
    }

    public static WebhookReply json(int status, String body) {
        return new WebhookReply(status, "application/json; charset=utf-8", body);
    }
}
