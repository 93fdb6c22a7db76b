package io.camelsms.smsclouds;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.SmsCloudsSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The responses poller emits each MO once: across polls, and across a restart with a persistent repository. */
class SmscloudsPollingTest extends SmscloudsTestSupport {

    private static final String POLL = "smsclouds:responses?delay=50&initialDelay=0&emittedRepository=#emitted";

    @TempDir
    Path dir;

    private FileIdempotentRepository repository() {
        return (FileIdempotentRepository) FileIdempotentRepository.fileIdempotentRepository(
                dir.resolve("smsclouds-mo.dat").toFile(), 1000);
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("emitted", repository());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(POLL).routeId("poll").to("mock:polled");
            }
        };
    }

    private List<SmsCloudsSimulator.Request> polls() {
        return requestsTo("/api/v3/responses");
    }

    /** Waits (bounded) until the poller asked the sandbox {@code more} more times, so a repeat would have shown. */
    private void awaitPolls(int more) throws InterruptedException {
        int target = polls().size() + more;
        await(() -> polls().size() >= target, "the poller keeps polling");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void eachMoIsEmittedOnceAcrossPollsAndAcrossARestart() throws Exception {
        template.sendBody("smsclouds:send?route=87", List.of(SmsMessage.to("4498987281").text("Responde").build(),
                SmsMessage.to("4498987282").text("Responde").build(), SmsMessage.to("4498987283").text("Responde")
                        .build()));
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR));
        MockEndpoint polled = getMockEndpoint("mock:polled");

        smsclouds().mo("4498987281", "Si");
        smsclouds().mo("4498987282", "No");
        await(() -> polled.getReceivedCounter() >= 2, "both MOs emitted");
        awaitPolls(2);

        assertEquals(2, polled.getReceivedCounter(), "two more polls saw both MOs again and emitted neither");
        List<String> texts = polled.getExchanges().stream()
                .map(e -> e.getMessage().getBody(InboundMessage.class).text()).sorted().toList();
        assertEquals(List.of("No", "Si"), texts);
        assertEquals(smsclouds().mos().get(0).receivedId(),
                polled.getExchanges().get(0).getMessage().getHeader(SmscloudsConstants.RECEIVED_ID));

        JsonNode first = polls().get(0).json();
        JsonNode later = polls().get(polls().size() - 1).json();
        assertEquals(1, first.get("type").asInt());
        assertFalse(first.has("to"), "no 'to': the provider searches until its current date");
        assertTrue(parse(later.get("from").asText()).isAfter(parse(first.get("from").asText())),
                "the date window moves forward");

        context.stop();
        smsclouds().mo("4498987283", "Tal vez");

        CamelContext restarted = new DefaultCamelContext();
        try {
            configure(restarted.getComponent("smsclouds", SmscloudsComponent.class));
            restarted.getRegistry().bind("emitted", repository());
            restarted.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(POLL).to("mock:after");
                }
            });
            restarted.start();
            MockEndpoint after = restarted.getEndpoint("mock:after", MockEndpoint.class);
            await(() -> after.getReceivedCounter() >= 1, "the new MO emitted after the restart");
            awaitPolls(2);

            assertEquals(1, after.getReceivedCounter(), "only the MO the first run never saw");
            assertEquals("Tal vez", after.getExchanges().get(0).getMessage().getBody(InboundMessage.class).text());
        } finally {
            restarted.stop();
        }
    }

    private static LocalDateTime parse(String date) {
        return LocalDateTime.parse(date.replace(' ', 'T'));
    }
}
