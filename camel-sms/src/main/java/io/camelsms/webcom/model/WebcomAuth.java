package io.camelsms.webcom.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The credentials every Webcom call carries in its body: {@code login} + {@code password}, or the {@code token}
 * the manager issues instead. Only the chosen pair goes on the wire.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"login", "password", "token"})
public record WebcomAuth(
        @JsonProperty("login") String login,
        @JsonProperty("password") String password,
        @JsonProperty("token") String token) {

    /** The token when one is given (it wins), else login and password; null when neither is complete. */
    public static WebcomAuth of(String login, String password, String token) {
        if (token != null && !token.isBlank()) {
            return new WebcomAuth(null, null, token);
        }
        if (login != null && !login.isBlank() && password != null && !password.isBlank()) {
            return new WebcomAuth(login, password, null);
        }
        return null;
    }

    @Override
    public String toString() {
        return token != null ? "WebcomAuth[token=***]" : "WebcomAuth[login=***, password=***]";
    }
}
