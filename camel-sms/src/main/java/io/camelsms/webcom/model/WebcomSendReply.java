package io.camelsms.webcom.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply to a send: {@code information}, one entry per phone in request order, or a request-level
 * {@code error}.
 */
public record WebcomSendReply(
        @JsonProperty("information") List<Information> information,
        @JsonProperty("error") String error) {

    /** The {@code state} of an accepted phone. */
    public static final String STATE_SEND = "send";

    /**
     * @param state  {@code send} when the message was taken
     * @param idSms  the platform's id, for status requests; absent when the phone was rejected
     * @param error  why the phone was rejected
     */
    public record Information(
            @JsonProperty("state") String state,
            @JsonProperty("id_sms") String idSms,
            @JsonProperty("error") String error) {

        public boolean accepted() {
            return (error == null || error.isBlank()) && idSms != null && !idSms.isBlank();
        }
    }
}
