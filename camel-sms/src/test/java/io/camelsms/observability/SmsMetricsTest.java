package io.camelsms.observability;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.PainelSimulator;

import static io.camelsms.observability.MicrometerSmsObserver.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Metrics over real HTTP against the sandbox, with a Micrometer registry in the Camel registry: every value matches
 * what the run returned, what the sandbox received and what the routes were given.
 */
class SmsMetricsTest extends ObservabilityTestSupport {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("meterRegistry", meters);
        return context;
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
        assertEquals(401, forgedCallback());
        assertEquals(1, count(WEBHOOK_REFUSED, account, "status", "401"));
        assertEquals(4, events.getReceivedCounter());

        long open = store.openMessageCount("painel", account).count();
        assertEquals(3 - reports.stream().filter(r -> r.status().isFinal()).count(), open);
        assertNoCredentialIn(meters.getMeters(), PAINEL_LOGIN, PAINEL_PASSWORD,
                WEBHOOK_SECRET, "99999000", "2125550100", "m-1");
    }

    @Test
    void aSecondSendOfTheSameExternalIdsCountsThemAcceptedEarlierOrInConflict() {
        template.requestBody("painel:send", List.of(
                SmsMessage.to("+55 31 99999-0001").text("Oferta").externalId("again-1").build(),
                SmsMessage.to("+55 31 99999-0002").text("Oferta").externalId("again-2").build()), SendResult.class);
        SendResult second = template.requestBody("painel:send", List.of(
                SmsMessage.to("+55 31 99999-0001").text("Oferta").externalId("again-1").build(),
                SmsMessage.to("+55 31 99999-0002").text("Outra oferta").externalId("again-2").build()),
                SendResult.class);
        String account = painelAccount();

        assertEquals(List.of(RecipientResult.Outcome.ACCEPTED_EARLIER, RecipientResult.Outcome.REJECTED),
                second.recipients().stream().map(RecipientResult::outcome).toList());
        assertEquals(2, count(MESSAGES_ACCEPTED, account), "the first send's");
        assertEquals(1, count(MESSAGES_ACCEPTED_EARLIER, account));
        assertEquals(1, count(MESSAGES_REJECTED, account, "reason", "conflict"));
        assertEquals(1, count(BATCHES, account), "the second send sent nothing");
    }

    @Test
    void aTemporaryRefusalCountsOneErrorByCodeAndOneRetry() throws Exception {
        SANDBOX.sandbox().pwapi().faults().failNext(1, Fault.code("905"));
        SendResult sent = template.requestBody("pwapi:send",
                SmsMessage.to("+55 31 99999-0001").text("Oi").build(), SendResult.class);
        String account = pwapiAccount();

        assertEquals(1, sent.acceptedCount());
        assertEquals(1, count(PROVIDER_ERRORS, account, "provider", "pwapi", "code", "905"));
        assertEquals(1, count(RETRIES, account, "provider", "pwapi"));
        assertEquals(1, count(MESSAGES_ACCEPTED, account, "provider", "pwapi"));
        assertEquals(1, count(BATCHES, account, "provider", "pwapi"));
        assertEquals(2, count(PROVIDER_CALLS, account, "operation", "SEND_MESSAGE"), "the refused call and its retry");
        assertNoCredentialIn(meters.getMeters(), PWAPI_CREDENTIAL, PWAPI_TOKEN);
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
