package io.camelsms.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.SecretMasking;

/**
 * The app's webhook secret: {@code sms.webhook.secret} (or the environment variable {@code SMS_WEBHOOK_SECRET}) when
 * set, else the one kept in {@code <sms.data-dir>/webhook-secret}, generated on first start (256 random bits,
 * readable by the owner only). Every webhook component gets it as its {@code webhookSecret} unless it has one of its
 * own, so every callback URL the app hands a provider carries it, and calls without it get 401.
 */
final class AppWebhookSecret {

    private static final Logger LOG = LoggerFactory.getLogger(AppWebhookSecret.class);
    /** The components that receive webhooks. */
    static final List<String> WEBHOOK_COMPONENTS = List.of("painel", "webcom", "smsclouds");
    static final String FILE_NAME = "webhook-secret";
    private static final int SECRET_BYTES = 32;

    private AppWebhookSecret() {
    }

    /** The secret to use: the configured one, or the data folder's, created on first start. */
    static String resolve(PropertiesComponent properties, Path dataDir) {
        String configured = properties.resolveProperty("sms.webhook.secret").orElse("");
        if (!configured.isBlank()) {
            return configured.strip();
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
                LOG.info("Generated the webhook secret in {} (owner-only); back it up with the data folder, or set"
                         + " sms.webhook.secret", file.toAbsolutePath());
            }
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException(file.toAbsolutePath() + " is empty: delete it to generate a new"
                        + " webhook secret, or set sms.webhook.secret");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the webhook secret " + file.toAbsolutePath(), e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            return; // another instance on the same folder created it first: use that one
        }
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Sets the secret (and, during a rotation, {@code sms.webhook.previous-secret} until
     * {@code sms.webhook.previous-secret-valid-until}) on every webhook component without a secret of its own.
     */
    static void apply(CamelContext context, String secret, ComponentOptions options) {
        PropertiesComponent properties = context.getPropertiesComponent();
        String previous = properties.resolveProperty("sms.webhook.previous-secret").orElse("");
        String until = properties.resolveProperty("sms.webhook.previous-secret-valid-until").orElse("");
        for (String scheme : WEBHOOK_COMPONENTS) {
            Object own = options.get(context, scheme, "webhookSecret");
            if (own != null && !own.toString().isBlank()) {
                continue;
            }
            options.set(context, scheme, "webhookSecret", secret);
            if (!previous.isBlank()) {
                options.set(context, scheme, "webhookPreviousSecret", previous.strip());
                options.set(context, scheme, "webhookPreviousSecretValidUntil", until);
            }
        }
    }

    /**
     * For providers whose callback URL is entered in their panel, says which URL to enter, with the secret masked
     * (the full value is in the secret file, or the property the user set).
     */
    static void printPanelUrl(String provider, String publicUrl, Path dataDir, boolean sandbox) {
        List<String> urls = switch (provider) {
            case "webcom" -> List.of("/sms/webcom/dlr/" + SecretMasking.MASK);
            // the app's routes take MO replies; a keyword route of your own takes /sms/smsclouds/keyword/<secret>
            case "smsclouds" -> List.of("/sms/smsclouds/inbound/" + SecretMasking.MASK);
            default -> List.of();
        };
        String where = sandbox ? "given to the sandbox" : "enter it in the " + provider + " panel";
        for (String url : urls) {
            LOG.info("{} callback URL, {}: {}{} where {} is the webhook secret ({} or sms.webhook.secret)", provider,
                    where, publicUrl, url, SecretMasking.MASK, dataDir.resolve(FILE_NAME).toAbsolutePath());
        }
    }

    /** Reads and writes component options the way camel.component.* properties do. */
    interface ComponentOptions {
        Object get(CamelContext context, String scheme, String option);

        void set(CamelContext context, String scheme, String option, String value);
    }
}
