package io.camelsms.webcom;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.camelsms.webcom.model.WebcomPhone;

/** The platform writes every date as {@code YYYY-MM-DD HH:MM:SS} local time, without a zone. */
final class WebcomTimes {

    private WebcomTimes() {
    }

    static String format(Instant instant, ZoneId zone) {
        return WebcomPhone.VALIDITY_FORMAT.format(instant.atZone(zone));
    }

    /** The instant, or null when the platform sent no date or one in another shape (the raw value is kept). */
    static Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), WebcomPhone.VALIDITY_FORMAT).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
