package io.camelsms.core;

/**
 * The provider refused or failed a request. Carries the provider's own code and its documented meaning, and what
 * the failure says about the request: surely not acted on (for good, or for now), or possibly acted on.
 */
public class SmsProviderException extends SmsException {

    /** What a failed request means for the provider's side. */
    public enum Failure {
        /** The provider surely did not act and says so for good (credentials, account, content): never resent. */
        REFUSED,
        /**
         * The provider surely did not act and may accept later (connection refused, a documented "send again" code,
         * 429/503 where the document says nothing was done): retried with backoff, bounded.
         */
        REFUSED_TRY_LATER,
        /**
         * The request may have reached the provider (read timeout or reset after it was written, an undocumented
         * 5xx, an unreadable success reply): a request that acts is never resent blindly; a read may be.
         */
        UNKNOWN
    }

    private final String providerCode;
    private final String meaning;
    private final Failure failure;
    private final int httpStatus;
    /** Retries spent before giving up on a {@link Failure#REFUSED_TRY_LATER}, or -1 while it may still be retried. */
    private volatile int retriesSpent = -1;
    private volatile SendResult sendResult;

    public SmsProviderException(String provider, String providerCode, String meaning, Failure failure,
                                int httpStatus, Throwable cause) {
        super(provider, meaning, cause);
        this.providerCode = providerCode;
        this.meaning = meaning;
        this.failure = failure;
        this.httpStatus = httpStatus;
    }

    public SmsProviderException(String provider, String providerCode, String meaning, Failure failure,
                                int httpStatus) {
        this(provider, providerCode, meaning, failure, httpStatus, null);
    }

    /** The message says what happened and what it means, e.g. {@code code 905: ... (HTTP 200) [refused]}. */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(getProvider()).append(": ");
        if (providerCode != null) {
            sb.append("code ").append(providerCode).append(": ");
        }
        sb.append(meaning);
        if (httpStatus > 0) {
            sb.append(" (HTTP ").append(httpStatus).append(')');
        }
        return sb.append(' ').append(tag()).toString();
    }

    private String tag() {
        return switch (failure) {
            case REFUSED -> "[refused]";
            case REFUSED_TRY_LATER -> retriesSpent < 0 ? "[refused for now]"
                    : "[refused; gave up after " + retriesSpent + (retriesSpent == 1 ? " retry]" : " retries]");
            case UNKNOWN -> "[outcome unknown: the provider may have acted]";
        };
    }

    /** Marks a temporary refusal as given up on, so its message no longer invites a retry. */
    void gaveUpAfter(int retries) {
        this.retriesSpent = retries;
    }

    /**
     * Set by {@link SendJob} (and the {@code sms:} router) when it throws because the provider refused every message
     * of the send.
     */
    public void attachSendResult(SendResult result) {
        this.sendResult = result;
    }

    /**
     * When a send fails because the provider refused every message of it: one result per message of the body
     * (invalid ones included), each rejected with its reason, so the caller can account for each. Otherwise null.
     */
    public SendResult getSendResult() {
        return sendResult;
    }

    /** The provider's code (return code, error status), or {@code null} when the failure had none (I/O, HTTP). */
    public String getProviderCode() {
        return providerCode;
    }

    public String getMeaning() {
        return meaning;
    }

    public Failure getFailure() {
        return failure;
    }

    /** The provider surely did not act on the request (for good or for now). */
    public boolean isRefused() {
        return failure != Failure.UNKNOWN;
    }

    /** The request may have reached the provider: a request that acts must not be resent blindly. */
    public boolean isUnknown() {
        return failure == Failure.UNKNOWN;
    }

    /** The HTTP status of the reply, or 0 when there was no reply. */
    public int getHttpStatus() {
        return httpStatus;
    }
}
