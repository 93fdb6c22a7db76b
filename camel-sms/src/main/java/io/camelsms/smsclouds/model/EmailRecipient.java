package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of an email campaign's {@code recipients}: a required {@code email}, optional combination fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmailRecipient(
        @JsonProperty("email") String email,
        @JsonProperty("name") String name,
        @JsonProperty("field1") String field1,
        @JsonProperty("field2") String field2,
        @JsonProperty("field3") String field3,
        @JsonProperty("field4") String field4) {

    public static EmailRecipient of(String email) {
        return new EmailRecipient(email, null, null, null, null, null);
    }
}
