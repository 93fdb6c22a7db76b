package io.camelsms.core;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** A provider's HTTP reply, read whole (provider replies are small). */
public record HttpReply(String provider, int status, HttpHeaders headers, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The body as {@code type}; a body that is not the expected JSON fails with the HTTP status and the
     * start of the body, so the cause is visible without a debugger.
     */
    public <T> T json(Class<T> type) {
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw unexpected("not the expected JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw unexpected("unreadable (" + e.getMessage() + ")", e);
        }
    }

    public JsonNode jsonTree() {
        return json(JsonNode.class);
    }

    public SmsProviderException unexpected(String what, Throwable cause) {
        return new SmsProviderException(provider, null, "unexpected reply, " + what + ": " + preview(),
                failureOf(status), status, cause);
    }

    /**
     * What a reply no document explains says about the request: a success status or a 5xx may come after the
     * provider acted (unknown); any other status (4xx, 3xx) is a refusal of the request as sent.
     */
    public static SmsProviderException.Failure failureOf(int status) {
        return status >= 200 && status < 300 || status >= 500 ? SmsProviderException.Failure.UNKNOWN
                : SmsProviderException.Failure.REFUSED;
    }

    private String preview() {
        String text = text().replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "<empty body>" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
