package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.camelsms.core.Json;

/**
 * {@code GET /api/v1/user}. The document shows the fields inside a {@code data} object
 * ({@code information, user, name, surname, credit, API_settings}); public clients see them flat beside
 * {@code message} ({@code email, name, surname, company, cellphone, credit}). {@link #from} reads both.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SmscloudsUser(
        @JsonProperty("message") String message,
        @JsonProperty("information") String information,
        @JsonProperty("user") String user,
        @JsonProperty("email") String email,
        @JsonProperty("name") String name,
        @JsonProperty("surname") String surname,
        @JsonProperty("company") String company,
        @JsonProperty("cellphone") String cellphone,
        @JsonProperty("credit") Double credit,
        @JsonProperty("API_settings") List<ApiSetting> apiSettings) {

    /** One token of the account, as listed by the panel. */
    public record ApiSetting(
            @JsonProperty("name") String name,
            @JsonProperty("creation") String creation,
            @JsonProperty("expires") String expires) {
    }

    public static SmscloudsUser from(JsonNode body) {
        JsonNode fields = body.path("data").isObject() ? body.get("data") : body;
        SmscloudsUser user = Json.MAPPER.convertValue(fields, SmscloudsUser.class);
        if (user.message == null && body.hasNonNull("message")) {
            return new SmscloudsUser(body.get("message").asText(), user.information, user.user, user.email, user.name,
                    user.surname, user.company, user.cellphone, user.credit, user.apiSettings);
        }
        return user;
    }

    /** The account's login: {@code user} in the document's shape, {@code email} in the flat one. */
    public String login() {
        return user != null ? user : email;
    }
}
