package io.camelsms.router;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.painel.PainelComponent;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.Fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failover against the sandbox: what a provider surely did not act on goes to the next provider of the rule, each
 * recipient exactly once; what it may have acted on stays with it, reported.
 */
class SmsRouterFailoverTest extends RouterTestSupport {

    private static final List<SmsMessage> BRAZIL = List.of(
            SmsMessage.to("+5521988887777").text("Olá").externalId("br-1").build(),
            SmsMessage.to("+5511912345678").text("Olá").externalId("br-2").build(), // one painel campaign
            SmsMessage.to("+79612242243").text("Privet").externalId("ru-1").build());

    private void painelBaseUrl(String url) {
        context.getComponent("painel", PainelComponent.class).getConfiguration().setBaseUrl(url);
    }

    @Test
    void painelRefusingConnectionsSendsTheBrazilianBatchThroughPwapiOnce() throws Exception {
        painelBaseUrl(nothingListening());

        SendResult result = template.requestBody("sms:send", BRAZIL, SendResult.class);

        assertEquals(List.of("pwapi", "pwapi", "webcom"),
                result.recipients().stream().map(RecipientResult::provider).toList());
        assertEquals(3, result.acceptedCount(), result.toString());
        assertEquals(List.of("55(21)988887777", "55(11)912345678"),
                sandbox().pwapi().accepted().stream().map(a -> a.mobile()).toList(), "each recipient once");
        assertEquals(List.of(), painelNumbers());
        assertEquals(List.of("79612242243"), webcomNumbers());
        @SuppressWarnings("unchecked")
        List<String> failovers = (List<String>) result.details().get("failovers");
        assertEquals(1, failovers.size());
        assertTrue(failovers.get(0).startsWith("painel -> pwapi: 2 messages (painel: "), failovers.get(0));
        assertTrue(failovers.get(0).endsWith("[refused; gave up after 3 retries])"), failovers.get(0));
    }

    @Test
    void aDocumentedTryLaterCodeFailsOverToTheNextProvider() {
        context.getComponent("pwapi", PwapiComponent.class).getConfiguration().setMaxRetries(0);
        sandbox().pwapi().faults().failNext(1, Fault.code("905"));

        SendResult result = template.requestBody("sms:send?rules=BR: pwapi, painel",
                BRAZIL.subList(0, 2), SendResult.class);

        assertEquals(List.of("painel", "painel"), result.recipients().stream().map(RecipientResult::provider).toList());
        assertEquals(2, result.acceptedCount());
        assertEquals(0, sandbox().pwapi().acceptedCount());
        assertEquals(List.of("21988887777", "11912345678"), painelNumbers());
    }

    @Test
    void painelAnswering503IsUnknownUnderItsManualSoNotFailedOver() {
        sandbox().painel().faults().failNext(1, Fault.http(503));

        SendResult result = template.requestBody("sms:send", BRAZIL.subList(0, 2), SendResult.class);

        assertEquals(List.of(RecipientResult.Outcome.UNKNOWN, RecipientResult.Outcome.UNKNOWN),
                result.recipients().stream().map(RecipientResult::outcome).toList());
        assertEquals(List.of("painel", "painel"), result.recipients().stream().map(RecipientResult::provider).toList());
        assertTrue(result.recipients().get(0).reason().contains("HTTP 503"), result.recipients().get(0).reason());
        assertEquals(0, sandbox().pwapi().acceptedCount(), "never sent through a second provider");
    }

    @Test
    void painelTimingOutAfterTheRequestIsReportedUnknownAndNotFailedOver() {
        context.getComponent("painel", PainelComponent.class).getConfiguration().setRequestTimeout(1_000);
        sandbox().painel().faults().failNext(1, Fault.slow(Duration.ofMillis(2_500)));

        SendResult result = template.requestBody("sms:send", BRAZIL.subList(0, 2), SendResult.class);

        assertEquals(2, result.unknownCount(), result.toString());
        assertTrue(result.recipients().get(0).reason().endsWith("[outcome unknown: the provider may have acted]"),
                result.recipients().get(0).reason());
        assertEquals(0, sandbox().pwapi().acceptedCount(), "never sent through a second provider");
    }

    @Test
    void whenEveryProviderOfTheRuleRefusesTheSendThrowsWithEveryMessageAccountedFor() throws Exception {
        painelBaseUrl(nothingListening());
        context.getComponent("pwapi", PwapiComponent.class).getConfiguration().setBaseUrl(nothingListening());

        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("sms:send", BRAZIL.subList(0, 2)));

        SmsProviderException refusal = assertInstanceOf(SmsProviderException.class, thrown.getCause());
        assertEquals(2, refusal.getSendResult().rejectedCount());
        String reason = refusal.getSendResult().recipients().get(0).reason();
        assertTrue(reason.startsWith("painel: ") && reason.contains("; then pwapi: "), reason);
    }

    @Test
    void theBreakerOpensAfterTheConfiguredFailuresSkipsTheProviderAndClosesAfterTheWait() throws Exception {
        context.getComponent("pwapi", PwapiComponent.class).getConfiguration().setMaxRetries(0);
        String uri = "sms:send?rules=BR: pwapi, painel&circuitBreakerSlidingWindowSize=2"
                     + "&circuitBreakerMinimumNumberOfCalls=2&circuitBreakerFailureRateThreshold=100"
                     + "&circuitBreakerWaitDurationInOpenState=300";
        sandbox().pwapi().faults().failNext(2, Fault.code("905"));
        template.requestBody(uri, BRAZIL.subList(0, 1));
        template.requestBody(uri, BRAZIL.subList(1, 2));
        CircuitBreaker breaker = context.getComponent("sms", SmsRouterComponent.class).getCircuitBreakerRegistry()
                .getAllCircuitBreakers().stream().filter(b -> b.getName().startsWith("pwapi@")).findFirst()
                .orElseThrow();
        assertEquals(CircuitBreaker.State.OPEN, breaker.getState());
        long pwapiCalls = sandbox().pwapi().requestCount();

        SendResult whileOpen = template.requestBody(uri,
                SmsMessage.to("+5521988887770").text("c").build(), SendResult.class);
        assertEquals("painel", whileOpen.recipients().get(0).provider());
        assertEquals(List.of("pwapi -> painel: 1 messages (pwapi: not tried, its circuit breaker is open)"),
                whileOpen.details().get("failovers"));
        assertEquals(pwapiCalls, sandbox().pwapi().requestCount(), "no request to pwapi while open");

        while (breaker.getState() == CircuitBreaker.State.OPEN) {
            Thread.sleep(20); // polls: the breaker turns half-open by itself after the configured wait
        }
        SendResult trial = template.requestBody(uri,
                SmsMessage.to("+5521988887771").text("d").build(), SendResult.class);
        assertEquals("pwapi", trial.recipients().get(0).provider());
        assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
        assertEquals(Set.of("55(21)988887771"), pwapiMobiles());
        assertEquals(List.of("21988887777", "11912345678", "21988887770"), painelNumbers());
    }
}
