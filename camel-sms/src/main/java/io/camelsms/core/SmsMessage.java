package io.camelsms.core;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One outgoing SMS in the provider-neutral shape every camel-sms component accepts.
 *
 * @param recipient   the phone number as the user has it (E.164, or national with the component's defaultRegion)
 * @param text        the message text
 * @param sender      optional sender id, where the provider supports one
 * @param externalId  the caller's own id for this message, echoed on results, reports and replies
 * @param name        template field (smsclouds {@code <+B+>}), optional
 * @param field1      template field 1, optional
 * @param field2      template field 2, optional
 * @param field3      template field 3, optional
 * @param field4      template field 4, optional
 * @param scheduleAt  send later at this time, where the provider supports scheduling
 * @param validity    how long the provider should keep trying, where it supports a validity period
 * @param options     provider-specific per-message fields by their wire name (e.g. pwapi {@code aux_user}), and
 *                    {@link #ORIGIN_OPTION}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SmsMessage(
        @JsonAlias("phone") String recipient,
        String text,
        String sender,
        @JsonAlias("external_id") String externalId,
        String name,
        String field1,
        String field2,
        String field3,
        String field4,
        OffsetDateTime scheduleAt,
        Duration validity,
        Map<String, String> options) {

    /**
     * Option naming where the message came from (e.g. {@code orders.csv line 12}), at most 200 characters. Never
     * sent; kept in the tracking store so that a later conflict on the message's external id names it. The store
     * also counts statuses by its source, the origin without a trailing {@code line <n>} ({@code orders.csv}).
     */
    public static final String ORIGIN_OPTION = "camelsms.origin";

    public SmsMessage {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static Builder to(String recipient) {
        return new Builder().recipient(recipient);
    }

    public Builder toBuilder() {
        return new Builder().recipient(recipient).text(text).sender(sender).externalId(externalId)
                .name(name).field1(field1).field2(field2).field3(field3).field4(field4)
                .scheduleAt(scheduleAt).validity(validity).options(options);
    }

    /** A provider-specific per-message field, or {@code null}. */
    public String option(String wireName) {
        return options.get(wireName);
    }

    public static final class Builder {
        private String recipient;
        private String text;
        private String sender;
        private String externalId;
        private String name;
        private String field1;
        private String field2;
        private String field3;
        private String field4;
        private OffsetDateTime scheduleAt;
        private Duration validity;
        private Map<String, String> options = Map.of();

        private Builder() {
        }

        public Builder recipient(String v) { this.recipient = v; return this; }
        public Builder text(String v) { this.text = v; return this; }
        public Builder sender(String v) { this.sender = v; return this; }
        public Builder externalId(String v) { this.externalId = v; return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder field1(String v) { this.field1 = v; return this; }
        public Builder field2(String v) { this.field2 = v; return this; }
        public Builder field3(String v) { this.field3 = v; return this; }
        public Builder field4(String v) { this.field4 = v; return this; }
        public Builder scheduleAt(OffsetDateTime v) { this.scheduleAt = v; return this; }
        public Builder validity(Duration v) { this.validity = v; return this; }
        public Builder options(Map<String, String> v) { this.options = Objects.requireNonNullElse(v, Map.of()); return this; }

        public Builder option(String wireName, String value) {
            var copy = new java.util.LinkedHashMap<>(options);
            copy.put(wireName, value);
            this.options = copy;
            return this;
        }

        public SmsMessage build() {
            return new SmsMessage(recipient, text, sender, externalId, name, field1, field2, field3, field4,
                    scheduleAt, validity, options);
        }
    }
}
