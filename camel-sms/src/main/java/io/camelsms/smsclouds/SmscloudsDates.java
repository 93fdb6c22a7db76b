package io.camelsms.smsclouds;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.camelsms.smsclouds.model.SmscloudsLimits;

/** The provider's dates: {@code YYYY-MM-DD HH:mm:ss}, local to its time zone (no offset on the wire). */
final class SmscloudsDates {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(SmscloudsLimits.DATE_PATTERN);

    private final ZoneId zone;

    SmscloudsDates(String timeZone) {
        try {
            this.zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("smsclouds: timeZone '" + timeZone + "' is not a time zone id", e);
        }
    }

    String format(Instant instant) {
        return FORMAT.format(instant.atZone(zone));
    }

    String format(OffsetDateTime time) {
        return format(time.toInstant());
    }

    /** A date the provider wrote; null when absent. A bare date ({@code 2022-03-30}, as SMS clic answers) is midnight. */
    Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        }
        return LocalDateTime.parse(value, FORMAT).atZone(zone).toInstant();
    }

    /** Like {@link #parse} but null for a date that does not follow the format (a status must not fail on it). */
    Instant parseLeniently(String text) {
        try {
            return parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean isValid(String text) {
        try {
            LocalDateTime.parse(text, FORMAT);
            return true;
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }
}
