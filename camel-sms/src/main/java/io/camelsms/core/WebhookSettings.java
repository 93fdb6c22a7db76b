package io.camelsms.core;

/**
 * Where a webhook listens and how it tells the provider from a stranger.
 *
 * @param path                 the HTTP path on the platform-http server, e.g. {@code /sms/smsclouds/inbound}
 * @param secrets              the shared secrets a call must carry as query parameter {@code secret} or as the path
 *                             segment after {@code path}
 * @param allowUnauthenticated with no secret configured: true accepts any caller (an explicit opt-out), false
 *                             refuses to start
 * @param maxRequestSize       largest accepted body plus query string, in bytes
 */
public record WebhookSettings(String path, WebhookSecrets secrets, boolean allowUnauthenticated, int maxRequestSize) {
}
