package io.camelsms.smsclouds.model;

/**
 * The document's error codes with their meaning, and the one decision of which are worth retrying: 500 (the
 * document says "Try again later") and 429 (rate limited; not in the document, sent by the API's rate limiter
 * with {@code X-RateLimit-*} headers). Everything else is permanent for that request.
 */
public enum ErrorCode {
    BAD_REQUEST(400, "Bad Request -- Your request is not correct", false),
    UNAUTHORIZED(401, "Unauthorized -- Your API key is wrong", false),
    NOT_FOUND(404, "Not Found -- The specified route could not be found", false),
    UNPROCESSABLE(422, "Unprocessable Entity -- You send something wrong", false),
    TOO_MANY_REQUESTS(429, "Too Many Requests -- rate limit reached, wait for X-RateLimit-Reset / Retry-After", true),
    SERVER_ERROR(500, "Internal Server Error -- We had a problem with our server. Try again later.", true);

    private final int status;
    private final String meaning;
    private final boolean retryable;

    ErrorCode(int status, String meaning, boolean retryable) {
        this.status = status;
        this.meaning = meaning;
        this.retryable = retryable;
    }

    public int status() {
        return status;
    }

    public String meaning() {
        return meaning;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The documented code, or null for a status the document does not list. */
    public static ErrorCode of(int status) {
        for (ErrorCode code : values()) {
            if (code.status == status) {
                return code;
            }
        }
        return null;
    }

    /** Retryability of any status: documented codes as listed, other 5xx retryable, other statuses not. */
    public static boolean isRetryable(int status) {
        ErrorCode code = of(status);
        return code != null ? code.retryable : status >= 500;
    }
}
