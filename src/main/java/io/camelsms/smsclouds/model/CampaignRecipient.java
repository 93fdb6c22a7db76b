package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of {@code recipients}: the cellphone and the combination fields {@code <+B+>}..{@code <+F+>}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cellphone", "name", "field1", "field2", "field3", "field4"})
public record CampaignRecipient(
        @JsonProperty("cellphone") String cellphone,
        @JsonProperty("name") String name,
        @JsonProperty("field1") String field1,
        @JsonProperty("field2") String field2,
        @JsonProperty("field3") String field3,
        @JsonProperty("field4") String field4) {
}
