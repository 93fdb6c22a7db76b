package io.camelsms.smsway.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The reply of smsgetlast: {@code {"res": 1, "smslist": [...]}}, latest first. */
public record SmswayLastResponse(@JsonProperty("res") Integer res, @JsonProperty("smslist") List<SmswaySms> smslist) {

    public SmswayLastResponse {
        smslist = smslist == null ? List.of() : List.copyOf(smslist);
    }
}
