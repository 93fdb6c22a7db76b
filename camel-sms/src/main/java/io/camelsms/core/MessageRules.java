package io.camelsms.core;

import java.util.ArrayList;
import java.util.List;

import io.camelsms.observability.RejectReason;

/** Collects the violations of one message, field by field, with the provider's field names and limits. */
public final class MessageRules {

    private final int index;
    private final List<Violation> violations = new ArrayList<>(2);
    /** The class of the first violation, for the metrics; {@link RejectReason#INVALID_MESSAGE} unless said. */
    private RejectReason reasonClass;

    public MessageRules(int index) {
        this.index = index;
    }

    public MessageRules required(String field, String value) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
        }
        return this;
    }

    /** Length in UTF-16 code units, as the providers count it. */
    public MessageRules maxLength(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            fail(field, value.length() + " characters, at most " + limit);
        }
        return this;
    }

    /** The recipient is not a number the provider takes. */
    public MessageRules invalidNumber(String field, String problem) {
        return fail(field, problem, RejectReason.INVALID_NUMBER);
    }

    /** The text is longer than the provider takes. */
    public MessageRules textTooLong(String field, String problem) {
        return fail(field, problem, RejectReason.TEXT_TOO_LONG);
    }

    /** {@link #maxLength} for the message text: a violation is {@link RejectReason#TEXT_TOO_LONG}. */
    public MessageRules maxTextLength(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            textTooLong(field, value.length() + " characters, at most " + limit);
        }
        return this;
    }

    public MessageRules oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(field, "'" + value + "' is not one of " + allowed);
        }
        return this;
    }

    public MessageRules fail(String field, String problem) {
        return fail(field, problem, RejectReason.INVALID_MESSAGE);
    }

    private MessageRules fail(String field, String problem, RejectReason reason) {
        if (violations.isEmpty()) {
            reasonClass = reason;
        }
        violations.add(new Violation(index, field, problem));
        return this;
    }

    /** What kind of fault the first violation is; {@link RejectReason#INVALID_MESSAGE} when not said. */
    public RejectReason reasonClass() {
        return reasonClass != null ? reasonClass : RejectReason.INVALID_MESSAGE;
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The violations as one line, for a per-recipient rejection reason. */
    public String reason() {
        return violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse("");
    }
}
