package io.camelsms.sandbox;

/**
 * A failure the sandbox answers instead of the normal reply.
 *
 * @param httpStatus   an HTTP status to answer with an empty body (e.g. 503), or 0
 * @param providerCode a provider error code the simulator answers in its own documented format (e.g. pwapi
 *                     {@code 905}), or null
 */
public record Fault(int httpStatus, String providerCode) {

    public static Fault http(int status) {
        return new Fault(status, null);
    }

    public static Fault code(String providerCode) {
        return new Fault(0, providerCode);
    }

    public boolean isHttp() {
        return httpStatus > 0;
    }
}
