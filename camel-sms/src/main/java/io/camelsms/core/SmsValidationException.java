package io.camelsms.core;

import java.util.List;
import java.util.stream.Collectors;

/** Messages that break the provider's documented rules; nothing of the send left the machine. */
public class SmsValidationException extends SmsException {

    private static final int LISTED = 20;
    private final List<Violation> violations;

    public SmsValidationException(String provider, List<Violation> violations) {
        super(provider, summary(violations), null);
        this.violations = List.copyOf(violations);
    }

    private static String summary(List<Violation> violations) {
        String listed = violations.stream().limit(LISTED).map(Violation::toString).collect(Collectors.joining("; "));
        int more = violations.size() - LISTED;
        return violations.size() + " invalid message field(s), nothing sent: " + listed
                + (more > 0 ? "; and " + more + " more" : "");
    }

    public List<Violation> getViolations() {
        return violations;
    }
}
