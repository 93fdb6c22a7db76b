package io.camelsms.core;

import java.net.URI;
import java.net.URISyntaxException;

/** Provider URLs as they may be shown: no user info, query string or fragment, which can carry credentials. */
public final class ServiceLocations {

    private ServiceLocations() {
    }

    /** {@code scheme://host[:port][/path]} of {@code url}, or null when it is empty or not a URL. */
    public static String withoutSecrets(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getHost() == null) {
                return null;
            }
            URI shown = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
            return SmsConfiguration.withoutTrailingSlash(shown.toString());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** {@code host[:port]} of {@code url}, or {@code ?} when it is not a URL. */
    public static String hostAndPort(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getHost() == null) {
                return "?";
            }
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (URISyntaxException | NullPointerException e) {
            return "?";
        }
    }
}
