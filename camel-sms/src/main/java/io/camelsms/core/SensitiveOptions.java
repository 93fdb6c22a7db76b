package io.camelsms.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.util.URISupport;

/**
 * Teaches Camel the credential option names it does not know as sensitive (it knows {@code token}, {@code login},
 * {@code password}, not {@code credential}, {@code tokenapi} or {@code webhookSecret}): in its URI sanitiser, so
 * endpoint URIs in logs and errors are masked, and in the context's additional sensitive keywords, so camel-main's
 * configuration summary masks {@code camel.component.<scheme>.<name>} values.
 */
public final class SensitiveOptions {

    /**
     * Credential options of the camel-sms components that Camel does not treat as sensitive by name: pwapi's
     * {@code credential}, smsway's {@code tokenapi}, and every consumer's {@code webhookSecret} and
     * {@code webhookPreviousSecret}. A component with a new such name adds it here.
     */
    static final List<String> SECRET_OPTIONS = List.of("credential", "tokenapi", "webhookSecret",
            "webhookPreviousSecret");
    /** Camel's URI sanitiser is JVM-wide: it learns the names once. */
    private static boolean sanitiserTaught;

    private SensitiveOptions() {
    }

    public static synchronized void register(CamelContext context) {
        if (!sanitiserTaught) {
            SECRET_OPTIONS.forEach(URISupport::addSanitizeKeywords);
            sanitiserTaught = true;
        }
        ExtendedCamelContext extension = context.getCamelContextExtension();
        Set<String> keywords = new LinkedHashSet<>();
        String existing = extension.getAdditionalSensitiveKeywords();
        if (existing != null && !existing.isBlank()) {
            keywords.addAll(Set.of(existing.split(",")));
        }
        SECRET_OPTIONS.forEach(name -> keywords.add(name.toLowerCase()));
        extension.setAdditionalSensitiveKeywords(String.join(",", keywords));
    }
}
