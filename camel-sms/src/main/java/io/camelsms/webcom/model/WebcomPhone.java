package io.camelsms.webcom.model;

import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.camelsms.core.EventIds;

/** One recipient of a {@link WebcomMessage}: the number, the client's id and the optional validity. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"phone", "client_id_sms", "validity_period"})
public record WebcomPhone(
        @JsonProperty("phone") String phone,
        @JsonProperty("client_id_sms") String clientIdSms,
        @JsonProperty("validity_period") String validityPeriod) {

    /** "Phone number must be less than 15 characters". */
    public static final int MAX_PHONE_LENGTH = 14;
    /**
     * {@code client_id_sms} is an Int in the document (its example sends it as a string of digits). The document
     * gives no width; camel-sms keeps it within a signed 64-bit integer, 19 digits at most.
     */
    public static final int MAX_CLIENT_ID_DIGITS = 19;
    /** {@code YYYY-MM-DD HH:MM:SS}. */
    public static final DateTimeFormatter VALIDITY_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * The client_id_sms for a caller's external id: the id itself when it already is a whole number, else a stable
     * 63-bit digest of it, so any external id (an order number, a file row id) keeps a repeated send idempotent at
     * the provider.
     */
    public static String clientIdFor(String externalId) {
        return isClientId(externalId) ? externalId
                : Long.toString(Long.parseUnsignedLong(EventIds.of("client_id_sms", externalId).substring(0, 16), 16)
                                & Long.MAX_VALUE);
    }

    /** Whether {@code id} is a client_id_sms the document allows: a non-negative whole number. */
    public static boolean isClientId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_CLIENT_ID_DIGITS || !id.chars().allMatch(Character::isDigit)) {
            return false;
        }
        try {
            Long.parseLong(id);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
