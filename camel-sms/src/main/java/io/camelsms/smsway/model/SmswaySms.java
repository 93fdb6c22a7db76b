package io.camelsms.smsway.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of smsgetlast's {@code smslist}. There is no message id: see
 * {@link io.camelsms.smsway.SmswayStatusMatch} for telling which sent message an entry is.
 *
 * @param recipient   the recipient's number as sent (digits)
 * @param tsreq       when the send was requested, epoch milliseconds
 * @param tsdelivered when the phone sent it, epoch milliseconds; null until then
 * @param sim         the sim slot used
 * @param smstext     the text as the provider kept it (160 characters at most)
 * @param state       1-10, see {@link SmswayState}
 */
public record SmswaySms(
        @JsonProperty("recipient") String recipient,
        @JsonProperty("tsreq") Long tsreq,
        @JsonProperty("tsdelivered") Long tsdelivered,
        @JsonProperty("sim") Integer sim,
        @JsonProperty("smstext") String smstext,
        @JsonProperty("state") Integer state) {

    @JsonIgnore
    public Instant requestedAt() {
        return tsreq == null ? null : Instant.ofEpochMilli(tsreq);
    }

    @JsonIgnore
    public Instant deliveredAt() {
        return tsdelivered == null ? null : Instant.ofEpochMilli(tsdelivered);
    }
}
