package io.camelsms.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.MainSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.sandbox.Sandbox;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;

/**
 * The runnable integration on camel-main: routes from {@code routes/}, settings from
 * {@code application.properties}, environment variables and {@code -D}. With no credentials for the chosen
 * provider ({@code sms.provider}) it starts the embedded sandbox, points the components at it and drops the sample
 * recipients file into the inbox, so nothing leaves the machine.
 */
public final class SmsApplication {

    static {
        // the app's own logging set-up; the library jar ships none, so it never overrides a user's
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:camel-sms-app-log4j2.properties");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SmsApplication.class);

    /** The sandbox's account per provider, by component option: what the app sets when none is configured. */
    static final Map<String, Map<String, String>> SANDBOX_ACCOUNTS = Map.of(
            "pwapi", Map.of("credential", PwapiSimulator.DEFAULT_CREDENTIAL, "token", PwapiSimulator.DEFAULT_TOKEN),
            "webcom", Map.of("login", WebcomSimulator.DEFAULT_LOGIN, "password", WebcomSimulator.DEFAULT_PASSWORD),
            "painel", Map.of("login", PainelSimulator.DEFAULT_LOGIN, "password", PainelSimulator.DEFAULT_PASSWORD),
            "smsway", Map.of("tokenapi", SmsWaySimulator.DEFAULT_TOKENAPI),
            "smsclouds", Map.of("token", SmsCloudsSimulator.DEFAULT_TOKEN));

    /**
     * Providers whose messages never reach a final status, so exit-when-done does not wait for one: pwapi has no
     * status query (ACCEPTED stays), smsclouds' last status is "sent" (handed to the carrier, SENT is not final).
     */
    static final Set<String> PROVIDERS_WITHOUT_FINAL_STATUS = Set.of("pwapi", "smsclouds");
    /** {@code sms.provider} value that sends through the sms: router, by {@code camel.component.sms.rules}. */
    static final String ROUTER = "sms";

    private SmsApplication() {
    }

    public static void main(String[] args) throws Exception {
        Lifecycle lifecycle = new Lifecycle();
        Main main = newMain(lifecycle);
        boolean started = true;
        try {
            main.run(args);
        } catch (CannotStartException e) {
            LOG.error("Not started: {}", e.getMessage());
            LOG.debug("Not started", e);
            started = false;
        } finally {
            lifecycle.closeSandbox();
        }
        if (!started) {
            System.exit(1);
        }
    }

    /**
     * The app as main() runs it, not started. With provider credentials configured (no sandbox of its own), several
     * of them run in one JVM as the nodes of a cluster test.
     */
    static Main newMain(MainListenerSupport lifecycle) {
        Main main = new Main(SmsApplication.class);
        main.addMainListener(lifecycle);
        return main;
    }

    /** {@link #newMain(MainListenerSupport)} with the app's own lifecycle. */
    static Main newMain() {
        return newMain(new Lifecycle());
    }

    /** A setting the app cannot start with; the message says which and what to do, so no stack trace is needed. */
    static final class CannotStartException extends RuntimeException {
        CannotStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class Lifecycle extends MainListenerSupport {

        private Sandbox sandbox;
        private String webhookSecret;
        /** Set when sms.cluster.enabled=true. */
        private ClusterMode cluster;

        /**
         * Binds the tracking store before Camel configures (and autowires) the components: on the DataSource bean
         * named by {@code sms.tracking.datasource} (looked up when the store starts, so a bean defined by
         * {@code camel.beans.*} works), or an embedded H2 database under {@code sms.data-dir}. A TrackingStore
         * bean of the user's own wins.
         */
        @Override
        public void beforeConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            if (!context.getRegistry().findByType(TrackingStore.class).isEmpty()) {
                return;
            }
            PropertiesComponent properties = context.getPropertiesComponent();
            String dataSourceName = properties.resolveProperty("sms.tracking.datasource").orElse("");
            TrackingStore store;
            if (ClusterMode.enabled(context)) {
                cluster = ClusterMode.of(context);
                store = cluster.bind(context);
            } else if (!dataSourceName.isBlank()) {
                store = new JdbcTrackingStore(() -> context.getRegistry().lookupByNameAndType(dataSourceName,
                        DataSource.class), Clock.systemUTC());
                LOG.info("Tracking store: DataSource bean '{}'", dataSourceName);
            } else {
                Path directory = dataDir(context).resolve("tracking");
                store = JdbcTrackingStore.embeddedH2(directory);
                LOG.info("Tracking store: embedded H2 database in {}", directory.toAbsolutePath());
            }

            context.getRegistry().bind("trackingStore", TrackingStore.class, store);
            try {
                context.addService(store, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the tracking store", e);
            }
        }

        /** After every property source was applied: sandbox or real provider, decided on the effective options. */
        @Override
        public void afterConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            String provider = context.getPropertiesComponent().resolveProperty("sms.provider").orElse("pwapi");
            boolean router = ROUTER.equals(provider);
            if (!router && !SANDBOX_ACCOUNTS.containsKey(provider)) {
                throw new IllegalArgumentException("sms.provider=" + provider + " is not one of "
                        + SANDBOX_ACCOUNTS.keySet() + " or " + ROUTER);
            }
            webhookSecret = configureWebhookSecret(context);
            // through sms:, the sandbox stands in for every provider without credentials
            if (router ? SANDBOX_ACCOUNTS.keySet().stream().allMatch(scheme -> hasCredentials(context, scheme))
                    : hasCredentials(context, provider)) {
                LOG.info("{}: credentials configured, sending to the real provider", provider);
                AppWebhookSecret.printPanelUrl(provider, publicUrl(context), dataDir(context), false);
                return;
            }
            sandbox = Sandbox.start(0);
            context.getRegistry().bind("sandbox", Sandbox.class, sandbox); // the sms dev console shows its state
            SANDBOX_ACCOUNTS.forEach((scheme, account) -> {
                if (!hasCredentials(context, scheme)) {
                    Map<String, String> options = new LinkedHashMap<>(account);
                    options.put("baseUrl", sandbox.baseUrl());
                    configure(context, scheme, options);
                }
            });
            LOG.warn("No credentials for {}: using the embedded SANDBOX at {}. No message leaves this machine."
                     + " Configure camel.component.{}.* credentials to send for real.", provider, sandbox.baseUrl(),
                    provider);
            takePainelDownIfAsked(context);
            startAutopilot(context);
            AppWebhookSecret.printPanelUrl(provider, publicUrl(context), dataDir(context), true);
            dropSample(context);
        }

        /**
         * The failover demo: with {@code sms.sandbox.painel-down=true} painel's address is a loopback port where nothing
         * listens, so every painel request is refused before a byte leaves and sms: fails over to the rule's next
         * provider.
         */
        private static void takePainelDownIfAsked(CamelContext context) {
            boolean down = context.getPropertiesComponent().resolveProperty("sms.sandbox.painel-down")
                    .map(Boolean::parseBoolean).orElse(false);
            if (!down) {
                return;
            }
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                configure(context, "painel", Map.of("baseUrl", "http://127.0.0.1:" + socket.getLocalPort()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LOG.warn("Sandbox: painel is DOWN (sms.sandbox.painel-down=true): its connections are refused");
        }

        /** Every webhook component gets the app's secret unless it has its own; the secret is never logged. */
        private static String configureWebhookSecret(CamelContext context) {
            String secret = AppWebhookSecret.resolve(context.getPropertiesComponent(), dataDir(context));
            AppWebhookSecret.apply(context, secret, new AppWebhookSecret.ComponentOptions() {
                @Override
                public Object get(CamelContext camel, String scheme, String option) {
                    return ((PropertyConfigurerGetter) configurer(camel, scheme))
                            .getOptionValue(camel.getComponent(scheme), option, true);
                }

                @Override
                public void set(CamelContext camel, String scheme, String option, String value) {
                    configure(camel, scheme, Map.of(option, value));
                }
            });
            return secret;
        }

        /** Where providers reach the app's HTTP server (a reverse proxy's address in production). */
        private static String publicUrl(CamelContext context) {
            return context.getPropertiesComponent().resolveProperty("sms.public-url")
                    .orElse("http://127.0.0.1:8080").replaceAll("/+$", "");
        }

        /**
         * Sandbox time runs by itself so the demo shows what a real provider does: statuses move on and are
         * called back, a handset answers each painel and smsclouds campaign, webcom pushes its states to our webhook.
         */
        private void startAutopilot(CamelContext context) {
            var properties = context.getPropertiesComponent();
            String server = "http://127.0.0.1:" + properties.resolveProperty("camel.server.port").orElse("8080");
            String secretSegment = "/" + URLEncoder.encode(webhookSecret, StandardCharsets.UTF_8);
            String reply = properties.resolveProperty("sms.sandbox.auto-reply").orElse("SIM");
            sandbox.painel().autoReply(reply);
            sandbox.smsclouds().autoReply(reply);
            sandbox.webcom().webhookUrl(URI.create(server + "/sms/webcom/dlr" + secretSegment));
            sandbox.smsclouds().moWebhook(server + "/sms/smsclouds/inbound" + secretSegment);
            sandbox.autopilot(Duration.ofSeconds(1), Duration.ofMinutes(1));
        }

        /**
         * The callback server must be listening, or webhooks (delivery reports, replies) are lost in silence:
         * platform-http only logs a failed bind and lets the app run on. So the port is tried before Camel starts,
         * and the app does not start when it is taken; the same for the management server (metrics, dev console).
         */
        @Override
        public void beforeStart(BaseMainSupport main) {
            if (cluster != null) {
                cluster.beforeStart(main.getCamelContext());
            }
            PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
            requirePortFree(properties, "camel.server", "the callback server");
            requirePortFree(properties, "camel.management", "the management server (metrics, dev console)");
        }

        /** With {@code prefix.enabled}, {@code prefix.host}:{@code prefix.port} must be free to listen on. */
        private static void requirePortFree(PropertiesComponent properties, String prefix, String server) {
            boolean enabled = properties.resolveProperty(prefix + ".enabled").map(Boolean::parseBoolean)
                    .orElse(false);
            int port = properties.resolveProperty(prefix + ".port").map(Integer::parseInt).orElse(8080);
            if (!enabled || port == 0) {
                return;
            }
            String host = properties.resolveProperty(prefix + ".host").orElse("0.0.0.0");
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(host, port));
            } catch (IOException e) {
                throw new CannotStartException(server + " cannot listen on " + host + ":" + port + " ("
                        + e.getMessage() + "); free the port or choose another with " + prefix + ".port (now "
                        + port + ")", e);
            }
        }

        @Override
        public void afterStart(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            boolean exitWhenDone = context.getPropertiesComponent().resolveProperty("sms.exit-when-done")
                    .map(Boolean::parseBoolean).orElse(false);
            if (exitWhenDone) {
                Thread watcher = new Thread(() -> exitWhenInboxDrained(main, context), "exit-when-done");
                watcher.setDaemon(true);
                watcher.start();
            }
        }

        /**
         * Done when, twice in a row a second apart: the inbox has no file to send, nothing is in flight, and (for a
         * provider that reports statuses) every tracked message has its final status.
         */
        private static void exitWhenInboxDrained(BaseMainSupport main, CamelContext context) {
            Path inbox = dataDir(context).resolve("inbox");
            String provider = context.getPropertiesComponent().resolveProperty("sms.provider").orElse("");
            TrackingStore store = context.getRegistry().findSingleByType(TrackingStore.class);
            boolean waitForFinal = store != null && !PROVIDERS_WITHOUT_FINAL_STATUS.contains(provider);
            int idleChecks = 0;
            try {
                while (idleChecks < 2) {
                    Thread.sleep(1000);
                    boolean idle = context.getInflightRepository().size() == 0 && !hasRecipientFile(inbox)
                            && !(waitForFinal && store.hasOpenMessages(provider));
                    idleChecks = idle ? idleChecks + 1 : 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            LOG.info("Inbox drained, nothing in flight, every tracked message final: exiting (sms.exit-when-done=true)");
            ((MainSupport) main).completed();
        }

        /** A file the route will take; directories, dangling links and the like do not keep the app waiting. */
        private static boolean hasRecipientFile(Path inbox) {
            if (!Files.isDirectory(inbox)) {
                return false;
            }
            try (Stream<Path> files = Files.list(inbox)) {
                return files.anyMatch(InboxFilter::isRecipientFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void dropSample(CamelContext context) {
            String sample = context.getPropertiesComponent().resolveProperty("sms.sample-file").orElse("");
            if (sample.isBlank() || !Files.isRegularFile(Path.of(sample))) {
                return;
            }
            Path inbox = dataDir(context).resolve("inbox");
            try {
                Files.createDirectories(inbox);
                // copied under a temporary name, then renamed, so the file route never sees half a file
                Path target = inbox.resolve(Path.of(sample).getFileName());
                Path partial = inbox.resolve(target.getFileName() + ".part");
                Files.copy(Path.of(sample), partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Sandbox: dropped the sample {} into {}", sample, inbox);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot drop the sample file into " + inbox, e);
            }
        }

        private static boolean hasCredentials(CamelContext context, String scheme) {
            Component component = context.getComponent(scheme);
            PropertyConfigurerGetter getter = (PropertyConfigurerGetter) configurer(context, scheme);
            return SANDBOX_ACCOUNTS.get(scheme).keySet().stream().anyMatch(option -> {
                Object value = getter.getOptionValue(component, option, true);
                return value != null && !value.toString().isBlank();
            });
        }

        private static void configure(CamelContext context, String scheme, Map<String, String> options) {
            Component component = context.getComponent(scheme);
            PropertyConfigurer configurer = configurer(context, scheme);
            options.forEach((name, value) -> configurer.configure(context, component, name, value, true));
        }

        /** The component's generated configurer: the same code that applies camel.component.* properties. */
        private static PropertyConfigurer configurer(CamelContext context, String scheme) {
            return PluginHelper.getConfigurerResolver(context).resolvePropertyConfigurer(scheme + "-component", context);
        }

        private static Path dataDir(CamelContext context) {
            return Path.of(context.getPropertiesComponent().resolveProperty("sms.data-dir").orElse("data"));
        }

        void closeSandbox() {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }
}
