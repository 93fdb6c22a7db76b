package io.camelsms.core;

import java.util.ArrayList;
import java.util.List;

/** Collects the violations of one message, field by field, with the provider's field names and limits. */
public final class MessageRules {

    private final int index;
    private final List<Violation> violations = new ArrayList<>(2);

    public MessageRules(int index) {
        this.index = index;
    }

    public MessageRules required(String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(index, field, "is required"));
        }
        return this;
    }

    /** Length in UTF-16 code units, as the providers count it. */
    public MessageRules maxLength(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            violations.add(new Violation(index, field, value.length() + " characters, at most " + limit));
        }
        return this;
    }

    public MessageRules oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            violations.add(new Violation(index, field, "'" + value + "' is not one of " + allowed));
        }
        return this;
    }

    public MessageRules fail(String field, String problem) {
        violations.add(new Violation(index, field, problem));
        return this;
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
