package io.camelsms.smsclouds;

import io.camelsms.core.SmsProviderException;

/**
 * An error reply of the Smsclouds API: the HTTP status is the code ({@code 400, 401, 404, 422, 500}, or 429 from
 * the rate limiter), {@link #getInformation()} the provider's {@code error.information} text.
 */
public class SmscloudsException extends SmsProviderException {

    private final String information;

    public SmscloudsException(int status, String information, String meaning, Failure failure) {
        super(SmscloudsProducer.PROVIDER, String.valueOf(status), meaning, failure, status);
        this.information = information;
    }

    /** The provider's {@code error.information}, or null when the reply had no documented error body. */
    public String getInformation() {
        return information;
    }
}
