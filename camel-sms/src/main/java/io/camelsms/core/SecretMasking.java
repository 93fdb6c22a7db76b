package io.camelsms.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Masks secrets in text that may echo them: a provider's error repeating the URL we sent (painel repeats
 * {@code url_callback}), an exception message, a URL about to be logged. A secret may appear raw or URL-encoded
 * (form or path style), so all three forms are replaced.
 */
public final class SecretMasking {

    public static final String MASK = "xxxxxx";

    private SecretMasking() {
    }

    public static String mask(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            String formEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            masked = masked.replace(secret, MASK).replace(formEncoded, MASK)
                    .replace(formEncoded.replace("+", "%20"), MASK);
            // twice encoded: a URL carried as a parameter of another URL (painel's url_callback)
            masked = masked.replace(URLEncoder.encode(formEncoded, StandardCharsets.UTF_8), MASK);
        }
        return masked;
    }
}
