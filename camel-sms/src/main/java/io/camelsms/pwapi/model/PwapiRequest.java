package io.camelsms.pwapi.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The single JSON body every PW-API 4.0 call posts; {@code function} selects the operation. */
@JsonPropertyOrder({"version", "credential", "token", "function", "principal_user", "messages"})
public record PwapiRequest(
        @JsonProperty("version") String version,
        @JsonProperty("credential") String credential,
        @JsonProperty("token") String token,
        @JsonProperty("function") String function,
        @JsonProperty("principal_user") String principalUser,
        @JsonProperty("messages") List<PwapiMessage> messages) {

    public static final String SEND_MESSAGE = "SEND_MESSAGE";
    /** The document's maximum number of entries in {@code messages}. */
    public static final int MAX_MESSAGES = 20_000;

    @Override
    public String toString() {
        return "PwapiRequest[version=" + version + ", credential=***, token=***, function=" + function
                + ", principal_user=" + principalUser + ", messages=" + (messages == null ? 0 : messages.size()) + "]";
    }
}
