package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelsms.core.Json;

/**
 * The body of {@code POST /api/v3/responses}: {@code type} 1 by date ({@code from}, optional {@code to}), 2 by
 * message ids ({@code messages}), 3 by {@code cellphone}, 4 by campaign ids ({@code campaigns}). Build it with the
 * factories, which set exactly the fields of one type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponsesRequest(
        @JsonProperty("type") int type,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("messages") List<Long> messages,
        @JsonProperty("cellphone") String cellphone,
        @JsonProperty("campaigns") List<Long> campaigns) {

    public static final int BY_DATE = 1;
    public static final int BY_MESSAGES = 2;
    public static final int BY_CELLPHONE = 3;
    public static final int BY_CAMPAIGNS = 4;
    /** Type 2's field as the prose spells it; the parameter table spells it {@code message}. */
    public static final String MESSAGES_FIELD = "messages";

    /** @param to null searches until the provider's current date, as the document says */
    public static ResponsesRequest byDate(String from, String to) {
        return new ResponsesRequest(BY_DATE, from, to, null, null, null);
    }

    public static ResponsesRequest byMessages(List<Long> messageIds) {
        return new ResponsesRequest(BY_MESSAGES, null, null, List.copyOf(messageIds), null, null);
    }

    public static ResponsesRequest byCellphone(String cellphone) {
        return new ResponsesRequest(BY_CELLPHONE, null, null, null, cellphone, null);
    }

    public static ResponsesRequest byCampaigns(List<Long> campaignIds) {
        return new ResponsesRequest(BY_CAMPAIGNS, null, null, null, null, List.copyOf(campaignIds));
    }

    /**
     * The JSON body as sent: type 2's ids under {@code messagesField}, and with {@code idsAsStrings} the type and the
     * ids quoted, as the document's example writes them ({@code {"type": "4", "campaigns": ["8528381"]}}) where its
     * parameter table says integer.
     */
    public ObjectNode wire(String messagesField, boolean idsAsStrings) {
        ObjectNode body = Json.MAPPER.valueToTree(this);
        JsonNode messageIds = body.remove(MESSAGES_FIELD);
        if (messageIds != null) {
            body.set(messagesField, messageIds);
        }
        if (idsAsStrings) {
            body.put("type", String.valueOf(type));
            for (String field : List.of(messagesField, "campaigns")) {
                if (body.get(field) instanceof ArrayNode ids) {
                    ArrayNode quoted = body.putArray(field);
                    ids.forEach(id -> quoted.add(id.asText()));
                }
            }
        }
        return body;
    }
}
