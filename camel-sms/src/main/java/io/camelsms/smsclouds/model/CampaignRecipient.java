package io.camelsms.smsclouds.model;

import java.util.Arrays;
import java.util.List;

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

    /** The placeholders of {@code text} and the field each takes its value from, in order: name, field1..field4. */
    public static final List<String> PLACEHOLDERS = List.of("<+B+>", "<+C+>", "<+D+>", "<+E+>", "<+F+>");

    /** The text this recipient's handset receives: each placeholder replaced by its field ("" when not set). */
    public String fill(String text) {
        List<String> values = Arrays.asList(name, field1, field2, field3, field4);
        String filled = text;
        for (int i = 0; i < PLACEHOLDERS.size(); i++) {
            filled = filled.replace(PLACEHOLDERS.get(i), values.get(i) == null ? "" : values.get(i));
        }
        return filled;
    }
}
