package io.camelsms.smsclouds.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
}
