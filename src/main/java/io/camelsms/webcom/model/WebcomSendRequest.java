package io.camelsms.webcom.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The body of {@code POST /json}: credentials and the {@code message} groups. */
public record WebcomSendRequest(
        @JsonUnwrapped WebcomAuth auth,
        @JsonProperty("message") List<WebcomMessage> message) {

    @Override
    public String toString() {
        return "WebcomSendRequest[" + auth + ", message=" + (message == null ? 0 : message.size()) + " groups]";
    }
}
