package io.camelsms.core;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.apache.camel.Converter;

/**
 * Camel type converters to {@link SmsMessage}, so {@code convertBodyTo(SmsMessage.class)} and routes that build
 * messages from JSON or YAML need no bean of their own. Every component also takes a {@code List} of such maps as
 * its body directly.
 */
@Converter(generateLoader = true)
public final class SmsMessageConverters {

    /** Like {@link Json#MAPPER}, but a key that is no field of SmsMessage is an error. */
    private static final ObjectMapper STRICT = Json.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SmsMessageConverters() {
    }

    /** A phone number, as the recipient of a message whose text comes later (e.g. from a header or a template). */
    @Converter
    public static SmsMessage toSmsMessage(String recipient) {
        return SmsMessage.to(recipient).build();
    }

    /**
     * A map with SmsMessage's field names ({@code recipient} or {@code phone}, {@code text}, {@code externalId} or
     * {@code external_id}, {@code sender}, {@code name}, {@code field1}..{@code field4}, {@code scheduleAt} as
     * ISO-8601 date-time, {@code validity} as ISO-8601 duration, {@code options}). An unknown key is an error that
     * names it: a typo must not silently drop a field.
     */
    @Converter
    public static SmsMessage toSmsMessage(Map<?, ?> fields) {
        try {
            return STRICT.convertValue(fields, SmsMessage.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot make an SmsMessage of " + fields.keySet() + ": "
                                               + reason(e.getCause()), e);
        }
    }

    private static String reason(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            Set<Object> known = new TreeSet<>(unknown.getKnownPropertyIds());
            return "unknown field '" + unknown.getPropertyName() + "' (known: " + known + ")";
        }
        if (cause instanceof JsonMappingException mapping) {
            return mapping.getOriginalMessage();
        }
        return String.valueOf(cause);
    }
}
