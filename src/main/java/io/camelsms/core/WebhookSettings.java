package io.camelsms.core;

/**
 * Where a webhook listens and how it tells the provider from a stranger.
 *
 * @param path           the HTTP path on the platform-http server, e.g. {@code /sms/smsclouds/inbound}
 * @param secret         when set, a call must carry it as query parameter {@code secret} or as the path segment
 *                       after {@code path}; null accepts any caller
 * @param maxRequestSize largest accepted body plus query string, in bytes
 */
public record WebhookSettings(String path, String secret, int maxRequestSize) {
}
