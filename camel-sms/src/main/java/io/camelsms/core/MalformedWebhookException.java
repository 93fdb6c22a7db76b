package io.camelsms.core;

/** A webhook call whose payload does not follow the provider's format; answered 400 and never routed. */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String reason) {
        super(reason);
    }

    public MalformedWebhookException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
