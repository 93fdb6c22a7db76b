package io.camelsms.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.painel.PainelComponent;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.tracking.JdbcTrackingStore;

import static io.camelsms.observability.MicrometerSmsObserver.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Metrics over real HTTP against the sandbox, with a Micrometer registry in the Camel registry: every value matches
 * what the run returned, what the sandbox received and what the routes were given.
 */
class SmsMetricsTest extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();
    private static final String WEBHOOK_SECRET = "metrics-cb-s3cr3t";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private JdbcTrackingStore store;
    private String serverUrl;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meterRegistry", meters);
        store = JdbcTrackingStore.embeddedH2(data);
        context.getRegistry().bind("trackingStore", store);
        serverUrl = PlatformHttp.addServer(context);
        PainelComponent painel = context.getComponent("painel", PainelComponent.class);
        painel.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        painel.getConfiguration().setLogin(PainelSimulator.DEFAULT_LOGIN);
        painel.getConfiguration().setPassword(PainelSimulator.DEFAULT_PASSWORD);
        painel.getConfiguration().setDefaultRegion("BR");
        painel.getConfiguration().setCallbackUrl(serverUrl + "/sms/painel/callback");
        painel.getConfiguration().setWebhookSecret(WEBHOOK_SECRET);
        PwapiComponent pwapi = context.getComponent("pwapi", PwapiComponent.class);
        pwapi.getConfiguration().setBaseUrl(SANDBOX.sandbox().baseUrl());
        pwapi.getConfiguration().setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
        pwapi.getConfiguration().setToken(PwapiSimulator.DEFAULT_TOKEN);
        pwapi.getConfiguration().setRetryDelay(10);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("painel:callback").routeId("painel-callback").to("mock:events");
            }
        };
    }

    @AfterEach
    void closeStore() {
        context.stop();
        store.stop();
    }

    private String painelAccount() {
        return context.getComponent("painel", PainelComponent.class).getConfiguration().trackingAccount();
    }

    /** The sum of every meter called {@code name} of the account whose tags include {@code tags}. */
    private double count(String name, String account, String... tags) {
        var search = meters.find(name).tag("account", account);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum()
               + search.timers().stream().mapToDouble(t -> t.count()).sum();
    }

    @Test
    void aSendsCountsAndItsReportsAndReplyMatchWhatHappened() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        List<SmsMessage> messages = List.of(
                SmsMessage.to("+55 31 99999-0001").text("Oferta").externalId("m-1").build(),
                SmsMessage.to("+55 31 99999-0002").text("Oferta").externalId("m-2").build(),
                SmsMessage.to("+55 31 99999-0003").text("Oferta").externalId("m-3").build(),
                SmsMessage.to("+55 31 99999-0001").text("Oferta").externalId("m-4").build(), // same number again
                SmsMessage.to("not a number").text("Oferta").externalId("m-5").build(),
                SmsMessage.to("+1 212 555 0100").text("Oferta").externalId("m-6").build()); // not the account's country
        SendResult sent = template.requestBody("painel:send", messages, SendResult.class);
        String account = painelAccount();
        Map<RecipientResult.Outcome, Long> outcomes = sent.recipients().stream()
                .collect(Collectors.groupingBy(RecipientResult::outcome, Collectors.counting()));
        assertEquals(3L, outcomes.get(RecipientResult.Outcome.ACCEPTED), sent::toString);

        assertEquals(sent.acceptedCount(), count(MESSAGES_ACCEPTED, account, "provider", "painel"));
        assertEquals(2, count(MESSAGES_REJECTED, account, "reason", "invalid_number"));
        assertEquals(1, count(MESSAGES_REJECTED, account, "reason", "duplicate"));
        assertEquals(sent.rejectedCount(), count(MESSAGES_REJECTED, account));
        assertEquals(sent.totalSegments(), count(SEGMENTS_SENT, account));
        assertEquals(sent.batchIds().size(), count(BATCHES, account));
        long sendRequests = SANDBOX.sandbox().painel().lastRequests().stream()
                .filter(q -> q.contains("action=sendsms")).count();
        assertEquals(sendRequests, count(PROVIDER_CALLS, account, "operation", "sendsms"));
        assertEquals(3, meters.get(OPEN_MESSAGES).tag("account", account).gauge().value(), "before any report");

        // the provider delivers and pushes the reports; one handset answers
        String campaign = sent.batchIds().get(0);
        events.expectedMessageCount(4);
        SANDBOX.sandbox().clock().advance(PainelSimulator.DELIVERY_DELAY.plusSeconds(1));
        SANDBOX.sandbox().painel().tick();
        SANDBOX.sandbox().painel().reply(campaign, "31999990002", "Sim");
        events.assertIsSatisfied(10_000);

        List<DeliveryReport> reports = events.getExchanges().stream().map(e -> e.getMessage().getBody())
                .filter(DeliveryReport.class::isInstance).map(DeliveryReport.class::cast).toList();
        Map<String, Long> byStatus = reports.stream()
                .collect(Collectors.groupingBy(r -> r.status().name(), Collectors.counting()));
        assertEquals(3, reports.size());
        byStatus.forEach((status, n) -> assertEquals(n.doubleValue(), count(DELIVERY_REPORTS, account, "status", status), status));
        assertEquals(reports.size(), count(DELIVERY_REPORTS, account));
        assertEquals(reports.stream().filter(r -> r.status().isFinal()).count(), count(DELIVERY_TIME, account),
                "one end-to-end time per message that became final");
        assertEquals(1, count(REPLIES, account));

        // a forged callback: refused, counted by status, never routed
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(serverUrl
                + "/sms/painel/callback/wrong?data_callback=1;31999990001;;;sucesso;"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode());
        assertEquals(1, count(WEBHOOK_REFUSED, account, "status", "401"));
        assertEquals(4, events.getReceivedCounter());

        long open = store.openMessageCount("painel", account).count();
        assertEquals(3 - reports.stream().filter(r -> r.status().isFinal()).count(), open);
        assertNoCredentialIn(meters.getMeters(), PainelSimulator.DEFAULT_LOGIN, PainelSimulator.DEFAULT_PASSWORD,
                WEBHOOK_SECRET, "99999000", "2125550100", "m-1");
    }

    @Test
    void aTemporaryRefusalCountsOneErrorByCodeAndOneRetry() throws Exception {
        SANDBOX.sandbox().pwapi().faults().failNext(1, Fault.code("905"));
        SendResult sent = template.requestBody("pwapi:send",
                SmsMessage.to("+55 31 99999-0001").text("Oi").build(), SendResult.class);
        String account = context.getComponent("pwapi", PwapiComponent.class).getConfiguration().trackingAccount();

        assertEquals(1, sent.acceptedCount());
        assertEquals(1, count(PROVIDER_ERRORS, account, "provider", "pwapi", "code", "905"));
        assertEquals(1, count(RETRIES, account, "provider", "pwapi"));
        assertEquals(1, count(MESSAGES_ACCEPTED, account, "provider", "pwapi"));
        assertEquals(1, count(BATCHES, account, "provider", "pwapi"));
        assertEquals(2, count(PROVIDER_CALLS, account, "operation", "SEND_MESSAGE"), "the refused call and its retry");
        assertNoCredentialIn(meters.getMeters(), PwapiSimulator.DEFAULT_CREDENTIAL, PwapiSimulator.DEFAULT_TOKEN);
    }

    /** Neither a secret nor a number or external id of the test in any meter's name or tag. */
    static void assertNoCredentialIn(List<Meter> meters, String... secrets) {
        assertFalse(meters.isEmpty());
        Function<Meter, String> text = m -> m.getId().getName() + m.getId().getTags().stream()
                .map(Tag::getValue).collect(Collectors.joining(","));
        for (Meter meter : meters) {
            for (String secret : secrets) {
                assertFalse(text.apply(meter).contains(secret), () -> "a secret in " + meter.getId());
            }
        }
    }
}
