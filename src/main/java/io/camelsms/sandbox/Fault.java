package io.camelsms.sandbox;

/**
 * A failure the sandbox answers instead of the normal reply.
 *
 * @param httpStatus   an HTTP status to answer with an empty body (e.g. 503), or 0
 * @param providerCode a provider error code the simulator answers in its own documented format (e.g. pwapi
 *                     {@code 905}), or null
 * @param reset        read the whole request, then close the connection without a reply: the client cannot tell
 *                     whether the provider acted (the simulator does not act on it)
 */
public record Fault(int httpStatus, String providerCode, boolean reset) {

    public static Fault http(int status) {
        return new Fault(status, null, false);
    }

    public static Fault code(String providerCode) {
        return new Fault(0, providerCode, false);
    }

    public static Fault resetAfterRead() {
        return new Fault(0, null, true);
    }

    public boolean isHttp() {
        return httpStatus > 0;
    }
}
