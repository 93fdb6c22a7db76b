package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of a voice campaign's {@code recipients}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoiceRecipient(
        @JsonProperty("cellphone") String cellphone,
        @JsonProperty("name") String name,
        @JsonProperty("field1") String field1,
        @JsonProperty("field2") String field2,
        @JsonProperty("field3") String field3,
        @JsonProperty("field4") String field4) {

    public static VoiceRecipient of(String cellphone) {
        return new VoiceRecipient(cellphone, null, null, null, null, null);
    }
}
