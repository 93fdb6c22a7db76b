package io.camelsms.smsway.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The JSON body of {@code GET /remote/smsgetlast} (a GET with a body, as the document's example sends). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tokenapi", "qty"})
public record SmswayLastRequest(@JsonProperty("tokenapi") String tokenapi, @JsonProperty("qty") int qty) {

    public static final int DEFAULT_QTY = 10;
    public static final int MAX_QTY = 100;

    @Override
    public String toString() {
        return "SmswayLastRequest[tokenapi=" + (tokenapi == null ? "(cookie)" : "***") + ", qty=" + qty + "]";
    }
}
