package io.camelsms.webcom.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The body of {@code POST /json/state.php}.
 *
 * @param idSms  one id, or a list of ids
 * @param detail 1 adds {@code num_parts} and {@code price} to each state
 */
public record WebcomStatusRequest(
        @JsonUnwrapped WebcomAuth auth,
        @JsonProperty("id_sms") Object idSms,
        @JsonProperty("detail") int detail) {

    /**
     * Ids camel-sms asks about in one {@code state.php} call when it polls for delivery reports. The document names
     * no maximum and accepts a list; 500 keeps a request a few kilobytes and its reply well under a second's work.
     */
    public static final int IDS_PER_CALL = 500;

    @Override
    public String toString() {
        return "WebcomStatusRequest[" + auth + ", id_sms=" + idSms + ", detail=" + detail + "]";
    }
}
