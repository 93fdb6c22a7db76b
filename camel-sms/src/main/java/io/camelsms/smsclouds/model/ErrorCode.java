package io.camelsms.smsclouds.model;

import io.camelsms.core.HttpReply;
import io.camelsms.core.SmsProviderException.Failure;

/**
 * The document's error codes with their meaning, and the one decision of what each says about the request:
 * <ul>
 * <li>400, 401, 404, 422: refused for good;</li>
 * <li>429 (not in the document, sent by the API's rate limiter with {@code X-RateLimit-*} headers): refused for
 * now, a rate limiter answers before the request is processed, so it is retried;</li>
 * <li>500 "We had a problem with our server. Try again later." and any other 5xx: unknown, the document does not
 * say the campaign was not created; a read is retried as the document invites, a campaign is not resent.</li>
 * </ul>
 */
public enum ErrorCode {
    BAD_REQUEST(400, "Bad Request -- Your request is not correct", Failure.REFUSED),
    UNAUTHORIZED(401, "Unauthorized -- Your API key is wrong", Failure.REFUSED),
    NOT_FOUND(404, "Not Found -- The specified route could not be found", Failure.REFUSED),
    UNPROCESSABLE(422, "Unprocessable Entity -- You send something wrong", Failure.REFUSED),
    TOO_MANY_REQUESTS(429, "Too Many Requests -- rate limit reached, wait for X-RateLimit-Reset / Retry-After",
            Failure.REFUSED_TRY_LATER),
    SERVER_ERROR(500, "Internal Server Error -- We had a problem with our server. Try again later.",
            Failure.UNKNOWN);

    private final int status;
    private final String meaning;
    private final Failure failure;

    ErrorCode(int status, String meaning, Failure failure) {
        this.status = status;
        this.meaning = meaning;
        this.failure = failure;
    }

    public int status() {
        return status;
    }

    public String meaning() {
        return meaning;
    }

    public Failure failure() {
        return failure;
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

    /** What any status says: documented codes as listed, others as {@link HttpReply#failureOf} decides. */
    public static Failure failureOf(int status) {
        ErrorCode code = of(status);
        return code != null ? code.failure : HttpReply.failureOf(status);
    }
}
