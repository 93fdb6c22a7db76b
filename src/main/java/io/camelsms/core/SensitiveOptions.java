package io.camelsms.core;

import java.util.HashSet;
import java.util.Set;

import org.apache.camel.util.URISupport;

/**
 * Teaches Camel's URI sanitiser the credential option names it does not know (it masks {@code token} and
 * {@code password}, not {@code credential}), so endpoint URIs in logs, errors and route dumps stay masked.
 */
public final class SensitiveOptions {

    private static final Set<String> REGISTERED = new HashSet<>();

    private SensitiveOptions() {
    }

    public static synchronized void register(String... optionNames) {
        for (String name : optionNames) {
            if (REGISTERED.add(name)) {
                URISupport.addSanitizeKeywords(name);
            }
        }
    }
}
