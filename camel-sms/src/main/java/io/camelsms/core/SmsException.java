package io.camelsms.core;

/** Base of every camel-sms failure; always names the provider it concerns. */
public class SmsException extends RuntimeException {

    private final String provider;

    public SmsException(String provider, String message, Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
    }

    public String getProvider() {
        return provider;
    }
}
