package io.camelsms.app;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.pwapi.PwapiConfiguration;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.sandbox.Sandbox;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.tracking.TrackingStore;

/**
 * The runnable integration on camel-main: routes from {@code routes/}, settings from
 * {@code application.properties}, environment variables and {@code -D}. With no provider credentials configured it
 * starts the embedded sandbox and points the components at it, so nothing leaves the machine.
 */
public final class SmsApplication {

    static {
        // the app's own logging set-up; the library jar ships none, so it never overrides a user's
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:camel-sms-app-log4j2.properties");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SmsApplication.class);

    private SmsApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(SmsApplication.class);
        SandboxWhenUnconfigured sandbox = new SandboxWhenUnconfigured();
        main.addMainListener(sandbox);
        try {
            main.run(args);
        } finally {
            sandbox.close();
        }
    }

    /** Decides after Camel applied every property source, so a credential from any of them counts. */
    private static final class SandboxWhenUnconfigured extends MainListenerSupport {

        private Sandbox sandbox;

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
            var properties = context.getPropertiesComponent();
            String dataSourceName = properties.resolveProperty("sms.tracking.datasource").orElse(null);
            Path dataDir = Path.of(properties.resolveProperty("sms.data-dir").orElse("data"));
            TrackingStore store;
            if (dataSourceName != null && !dataSourceName.isBlank()) {
                store = new JdbcTrackingStore(() -> context.getRegistry().lookupByNameAndType(dataSourceName,
                        DataSource.class), Clock.systemUTC());
                LOG.info("Tracking store: DataSource bean '{}'", dataSourceName);
            } else {
                store = JdbcTrackingStore.embeddedH2(dataDir.resolve("tracking"));
                LOG.info("Tracking store: embedded H2 database in {}", dataDir.resolve("tracking").toAbsolutePath());
            }
            context.getRegistry().bind("trackingStore", TrackingStore.class, store);
            try {
                context.addService(store, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the tracking store", e);
            }
        }

        @Override
        public void afterConfigure(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            PwapiConfiguration pwapi = context.getComponent("pwapi", PwapiComponent.class).getConfiguration();
            if (pwapi.getCredential() != null && !pwapi.getCredential().isBlank()) {
                LOG.info("pwapi: credentials configured, sending to {}", pwapi.getBaseUrl());
                return;
            }
            sandbox = Sandbox.start();
            pwapi.setBaseUrl(sandbox.baseUrl());
            pwapi.setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
            pwapi.setToken(PwapiSimulator.DEFAULT_TOKEN);
            LOG.warn("No provider credentials configured: using the embedded SANDBOX at {}. No message leaves this"
                     + " machine. Set camel.component.pwapi.credential and .token to send for real.",
                    sandbox.baseUrl());
        }

        void close() {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }
}
