package io.camelsms.webcom.model;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The balance reply: {@code {"money":"19023.9","currency":"RUR","information":[{"type_sms":"sms","area":"Russia",
 * "num_sms":"Unlim"}]}}. {@code money} comes as a string and is read as a decimal.
 */
public record WebcomBalance(
        @JsonProperty("money") BigDecimal money,
        @JsonProperty("currency") String currency,
        @JsonProperty("information") List<Area> information) {

    public WebcomBalance {
        information = information == null ? List.of() : List.copyOf(information);
    }

    /** How many messages of one type the account can still send to one area. */
    public record Area(
            @JsonProperty("type_sms") String typeSms,
            @JsonProperty("area") String area,
            @JsonProperty("num_sms") SmsCount numSms) {
    }

    /** {@code num_sms}: a number, or {@code Unlim}. */
    public record SmsCount(Long count) {

        public static final String UNLIMITED = "Unlim";

        public static SmsCount unlimited() {
            return new SmsCount(null);
        }

        public boolean isUnlimited() {
            return count == null;
        }

        @JsonCreator
        public static SmsCount parse(Object raw) {
            String text = raw == null ? "" : raw.toString().strip();
            if (text.equalsIgnoreCase(UNLIMITED)) {
                return unlimited();
            }
            try {
                return new SmsCount(new BigDecimal(text).longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("num_sms '" + text + "' is neither a number nor " + UNLIMITED, e);
            }
        }

        @JsonValue
        public Object wire() {
            return count == null ? UNLIMITED : count;
        }

        @Override
        public String toString() {
            return String.valueOf(wire());
        }
    }
}
