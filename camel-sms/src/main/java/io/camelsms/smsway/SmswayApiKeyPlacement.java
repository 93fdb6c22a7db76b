package io.camelsms.smsway;

/** Where the API key {@code tokenapi} travels; the document accepts both and prefers the cookie when both come. */
public enum SmswayApiKeyPlacement {
    /** {@code Cookie: tokenapi=...} (the document's examples). */
    cookie,
    /** A {@code tokenapi} field in the JSON body. */
    body
}
