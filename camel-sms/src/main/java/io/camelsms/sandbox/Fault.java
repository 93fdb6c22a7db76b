package io.camelsms.sandbox;

import java.time.Duration;

/**
 * A failure the sandbox answers instead of the normal reply.
 *
 * @param httpStatus   an HTTP status to answer with an empty body (e.g. 503), or 0
 * @param providerCode a provider error code the simulator answers in its own documented format (e.g. pwapi
 *                     {@code 905}), or null
 * @param reset        read the whole request, then close the connection without a reply: the client cannot tell
 *                     whether the provider acted (the simulator does not act on it)
 * @param delay        serve the request normally, but only after this long (past a client's request timeout: the
 *                     provider acts, the client never sees the reply), or null
 */
public record Fault(int httpStatus, String providerCode, boolean reset, Duration delay) {

    public static Fault http(int status) {
        return new Fault(status, null, false, null);
    }

    public static Fault code(String providerCode) {
        return new Fault(0, providerCode, false, null);
    }

    public static Fault resetAfterRead() {
        return new Fault(0, null, true, null);
    }

    /** Unlike {@link FaultPlan#latency}, which slows every call, this slows only the calls it is drawn for. */
    public static Fault slow(Duration delay) {
        return new Fault(0, null, false, delay);
    }

    public boolean isHttp() {
        return httpStatus > 0;
    }
}
