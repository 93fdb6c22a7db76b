package io.camelsms.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.observability.CachedHealthCheck;
import io.camelsms.observability.SmsHealthChecks;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.tracking.JdbcTrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracking store's check: the database answers, every migration is applied, and how many messages are open. */
class TrackingStoreHealthCheckTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TempDir
    Path data;

    private final CamelContext context = new DefaultCamelContext();
    private JdbcConnectionPool pool;

    @AfterEach
    void stop() {
        context.stop();
        if (pool != null) {
            pool.dispose();
        }
    }

    private JdbcTrackingStore store() {
        pool = JdbcConnectionPool.create("jdbc:h2:" + data.resolve("tracking") + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        return new JdbcTrackingStore(pool);
    }

    /** The newest migration camel-sms ships, read from its migration folder and its Java migrations. */
    private static String newestMigration() throws IOException {
        Pattern version = Pattern.compile("^V(\\d+)__");
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("camel-sms/src/main/resources/db/tracking")),
                Files.list(Path.of("camel-sms/src/main/java/io/camelsms/tracking")))) {
            return String.valueOf(files.map(p -> version.matcher(p.getFileName().toString()))
                    .filter(Matcher::find).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow());
        }
    }

    @Test
    void upWithTheSchemaVersionAndTheOpenMessagesOfARealSend() throws Exception {
        JdbcTrackingStore store = store();
        context.getRegistry().bind("trackingStore", store);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:send").to("webcom:send?sender=Shop&token=" + WebcomSimulator.DEFAULT_TOKEN + "&baseUrl="
                                       + SANDBOX.sandbox().baseUrl());
            }
        });
        context.start();
        HealthCheckHelper.getHealthCheckRepository(context, SmsHealthChecks.PRODUCERS).setEnabled(true);
        ProducerTemplate template = context.createProducerTemplate();
        SendResult sent = template.requestBody("direct:send", List.of(
                SmsMessage.to("+5531999990001").text("one").externalId("h-1").build(),
                SmsMessage.to("+5531999990002").text("two").externalId("h-2").build()), SendResult.class);
        assertEquals(2, sent.accepted().size());

        HealthCheck.Result result = HealthCheckHelper.invokeReadiness(context, "full").stream()
                .filter(r -> r.getCheck().getId().equals(SmsHealthChecks.TRACKING_STORE_CHECK)).findFirst()
                .orElseThrow();

        assertEquals(HealthCheck.State.UP, result.getState(), result::toString);
        assertEquals("H2", result.getDetails().get("database"));
        assertEquals(newestMigration(), result.getDetails().get("schema.version"));
        assertEquals(2L, result.getDetails().get("open.messages"));
    }

    @Test
    void downNamingTheMigrationsNotApplied() throws Exception {
        JdbcTrackingStore store = store();
        store.start();
        String newest = newestMigration();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            // as if this camel-sms were newer than the schema: its newest migration has not run yet
            statement.executeUpdate("DELETE FROM \"camel_sms_schema_history\" WHERE \"version\" = '" + newest + "'");
        }

        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(new CachedHealthCheck("store",
                SmsHealthChecks.TRACKING_STORE_INTERVAL, b -> true));
        store.checkHealth(builder);
        HealthCheck.Result result = builder.build();

        assertEquals(HealthCheck.State.DOWN, result.getState(), result::toString);
        assertEquals("tracking store: migrations not applied: V" + newest, result.getMessage().orElse(""));
        store.stop();
    }

    @Test
    void downWhenTheDatabaseIsGone() {
        JdbcTrackingStore store = store();
        store.start();
        pool.dispose();

        HealthCheck.Result result = new CachedHealthCheck("store", SmsHealthChecks.TRACKING_STORE_INTERVAL,
                store::checkHealth).call();

        assertEquals(HealthCheck.State.DOWN, result.getState(), result::toString);
        String message = result.getMessage().orElse("");
        assertTrue(message.startsWith("tracking store: the database does not answer: "), message);
    }
}
