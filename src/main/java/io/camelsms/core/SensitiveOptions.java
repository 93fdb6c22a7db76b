package io.camelsms.core;

import java.util.LinkedHashSet;
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

    /** The secret every component with consumers has (SmsConsumerConfiguration). */
    static final String WEBHOOK_SECRET = "webhookSecret";
    /**
     * Credential options of the camel-sms components that Camel does not treat as sensitive by name: pwapi's
     * {@code credential}, smsway's {@code tokenapi}. A component with a new such name adds it here.
     */
    static final String[] COMPONENT_SECRETS = {"credential", "tokenapi"};
    private static final Set<String> SANITISED = new LinkedHashSet<>();

    private SensitiveOptions() {
    }

    public static synchronized void register(CamelContext context, String... optionNames) {
        Set<String> names = new LinkedHashSet<>(Set.of(optionNames));
        names.add(WEBHOOK_SECRET);
        for (String name : names) {
            if (SANITISED.add(name)) {
                URISupport.addSanitizeKeywords(name);
            }
        }
        ExtendedCamelContext extension = context.getCamelContextExtension();
        Set<String> keywords = new LinkedHashSet<>();
        String existing = extension.getAdditionalSensitiveKeywords();
        if (existing != null && !existing.isBlank()) {
            keywords.addAll(Set.of(existing.split(",")));
        }
        names.forEach(name -> keywords.add(name.toLowerCase()));
        extension.setAdditionalSensitiveKeywords(String.join(",", keywords));
    }
}
