package io.camelsms.core;

/**
 * The provider refused or failed a request. Carries the provider's own code and its documented meaning,
 * and whether trying again may succeed (the component's retry loop only retries those).
 */
public class SmsProviderException extends SmsException {

    private final String providerCode;
    private final String meaning;
    private final boolean retryable;
    private final int httpStatus;

    public SmsProviderException(String provider, String providerCode, String meaning, boolean retryable,
                                int httpStatus, Throwable cause) {
        super(provider, describe(providerCode, meaning, httpStatus, retryable), cause);
        this.providerCode = providerCode;
        this.meaning = meaning;
        this.retryable = retryable;
        this.httpStatus = httpStatus;
    }

    public SmsProviderException(String provider, String providerCode, String meaning, boolean retryable,
                                int httpStatus) {
        this(provider, providerCode, meaning, retryable, httpStatus, null);
    }

    private static String describe(String code, String meaning, int httpStatus, boolean retryable) {
        StringBuilder sb = new StringBuilder();
        if (code != null) {
            sb.append("code ").append(code).append(": ");
        }
        sb.append(meaning);
        if (httpStatus > 0) {
            sb.append(" (HTTP ").append(httpStatus).append(')');
        }
        sb.append(retryable ? " [retryable]" : " [permanent]");
        return sb.toString();
    }

    /** The provider's code (return code, error status), or {@code null} when the failure had none (I/O, HTTP). */
    public String getProviderCode() {
        return providerCode;
    }

    public String getMeaning() {
        return meaning;
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** The HTTP status of the reply, or 0 when there was no reply. */
    public int getHttpStatus() {
        return httpStatus;
    }
}
