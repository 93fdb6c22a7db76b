package io.camelsms.core;

import java.time.Clock;

import org.apache.camel.spi.UriParam;

/** Options of components that also receive: webhooks the provider calls, and polls for events. */
public abstract class SmsConsumerConfiguration extends SmsConfiguration {

    /** Largest webhook call accepted by default: providers send a few hundred bytes per event. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    /** 72 hours: after that a carrier report is not coming. */
    public static final long DEFAULT_TRACKING_MAX_AGE = 72L * 3600 * 1000;
    /** 7 days: a reply later than that to a campaign is not taken as its answer. */
    public static final long DEFAULT_REPLY_WINDOW = 7L * 24 * 3600 * 1000;

    @UriParam(label = "consumer", description = "HTTP path the webhook listens on, on Camel's platform-http server."
            + " Default: /sms/{scheme}/{operation}, e.g. /sms/smsclouds/inbound.")
    private String webhookPath;
    @UriParam(label = "consumer,security", secret = true, description = "Shared secret a webhook call must carry,"
            + " as query parameter secret or as the path segment after webhookPath; other calls get HTTP 401 and"
            + " reach no route. Required by every webhook consumer unless webhookAllowUnauthenticated=true.")
    private String webhookSecret;
    @UriParam(label = "consumer,security", secret = true, description = "During a rotation: the secret being"
            + " replaced by webhookSecret, still accepted until webhookPreviousSecretValidUntil, so callbacks the"
            + " provider queued with the old URL are not refused.")
    private String webhookPreviousSecret;
    @UriParam(label = "consumer,security", description = "Until when webhookPreviousSecret is accepted, ISO-8601 with"
            + " offset (e.g. 2026-12-31T23:00:00Z); required with webhookPreviousSecret.")
    private String webhookPreviousSecretValidUntil;
    @UriParam(label = "consumer,security", defaultValue = "false", description = "Let a webhook consumer start"
            + " without webhookSecret, accepting calls from anyone who can reach it (one WARN at start). Only for a"
            + " network where nobody but the provider can reach the endpoint.")
    private boolean webhookAllowUnauthenticated;
    @UriParam(label = "consumer,advanced", defaultValue = "1048576",
              description = "Largest webhook call accepted (body plus query string, in bytes); larger calls get 413.")
    private int maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;
    @UriParam(label = "consumer", defaultValue = "259200000", javaType = "java.time.Duration",
              description = "How long delivery tracking follows a message without a final status (default 72 hours);"
                            + " then one last EXPIRED report is emitted and the message is no longer polled.")
    private long trackingMaxAge = DEFAULT_TRACKING_MAX_AGE;
    @UriParam(label = "consumer", defaultValue = "604800000", javaType = "java.time.Duration",
              description = "With a tracking store, a reply is solicited when it answers a message sent to the same"
                            + " number at most this long before (default 7 days; 0: no time limit). Other replies"
                            + " are still emitted, with header CamelSmsUnsolicited=true.")
    private long replyWindow = DEFAULT_REPLY_WINDOW;

    public String getWebhookPath() {
        return webhookPath;
    }

    public void setWebhookPath(String webhookPath) {
        this.webhookPath = webhookPath;
    }

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public void setWebhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    public String getWebhookPreviousSecret() {
        return webhookPreviousSecret;
    }

    public void setWebhookPreviousSecret(String webhookPreviousSecret) {
        this.webhookPreviousSecret = webhookPreviousSecret;
    }

    public String getWebhookPreviousSecretValidUntil() {
        return webhookPreviousSecretValidUntil;
    }

    public void setWebhookPreviousSecretValidUntil(String webhookPreviousSecretValidUntil) {
        this.webhookPreviousSecretValidUntil = webhookPreviousSecretValidUntil;
    }

    public boolean isWebhookAllowUnauthenticated() {
        return webhookAllowUnauthenticated;
    }

    public void setWebhookAllowUnauthenticated(boolean webhookAllowUnauthenticated) {
        this.webhookAllowUnauthenticated = webhookAllowUnauthenticated;
    }

    public int getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(int maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public long getReplyWindow() {
        return replyWindow;
    }

    public void setReplyWindow(long replyWindow) {
        this.replyWindow = replyWindow;
    }

    public long getTrackingMaxAge() {
        return trackingMaxAge;
    }

    public void setTrackingMaxAge(long trackingMaxAge) {
        this.trackingMaxAge = trackingMaxAge;
    }

    /** The webhook's settings, with the default path for this scheme and operation. */
    public WebhookSettings webhookSettings(String scheme, String operation) {
        String path = webhookPath != null && !webhookPath.isBlank() ? webhookPath : "/sms/" + scheme + "/" + operation;
        return new WebhookSettings(path.startsWith("/") ? path : "/" + path, webhookSecrets(),
                webhookAllowUnauthenticated, maxRequestSize);
    }

    /** The secrets webhooks accept, also for masking them where a provider echoes a callback URL. */
    public WebhookSecrets webhookSecrets() {
        return WebhookSecrets.of(webhookSecret, webhookPreviousSecret, webhookPreviousSecretValidUntil,
                Clock.systemUTC());
    }
}
