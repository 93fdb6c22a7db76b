package io.camelsms.router;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.camel.BindToRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.painel.PainelComponent;
import io.camelsms.sandbox.Fault;
import io.camelsms.tracking.JdbcTrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a tracking store, an external id one provider took (or may have) never goes through a second provider: a
 * resumed file or a retried route finds it in the store, whatever the rules say now.
 */
class SmsRouterTrackingTest extends RouterTestSupport {

    @TempDir
    static Path data;

    @BindToRegistry("trackingStore")
    private final JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data);

    @Test
    void anIdPwapiAcceptedIsNotSentThroughPainelWhenTheSameRowsComeAgain() {
        List<SmsMessage> rows = List.of(
                SmsMessage.to("+5521988887777").text("Olá").externalId("again-1").build(),
                SmsMessage.to("+5511912345678").text("Olá").externalId("again-2").build());
        // the first run: row 1 went through pwapi (forced, as a failover would have sent it), then the process stopped
        template.requestBodyAndHeader("sms:send", rows.subList(0, 1), SmsRouterHeaders.FORCE_PROVIDER, "pwapi");

        SendResult resumed = template.requestBody("sms:send", rows, SendResult.class);

        assertEquals(List.of(RecipientResult.Outcome.ACCEPTED_EARLIER, RecipientResult.Outcome.ACCEPTED),
                resumed.recipients().stream().map(RecipientResult::outcome).toList());
        assertEquals(List.of("pwapi", "painel"), resumed.recipients().stream().map(RecipientResult::provider).toList());
        assertEquals(1, sandbox().pwapi().acceptedCount());
        assertEquals(List.of("11912345678"), painelNumbers(), "row 1 never reached painel");
    }

    @Test
    void theSameIdWithOtherContentIsAConflictNamingTheProviderThatTookIt() {
        template.requestBodyAndHeader("sms:send", SmsMessage.to("+5521988887777").text("Olá").externalId("c-1")
                .build(), SmsRouterHeaders.FORCE_PROVIDER, "pwapi");

        SendResult result = template.requestBody("sms:send",
                SmsMessage.to("+5521988887777").text("Other text").externalId("c-1").build(), SendResult.class);

        RecipientResult conflict = result.recipients().get(0);
        assertEquals(RecipientResult.Outcome.REJECTED, conflict.outcome());
        assertTrue(conflict.reason().contains("external id 'c-1' was already used for another text: pwapi accepted it"),
                conflict.reason());
        assertEquals(List.of(), painelNumbers());
    }

    @Test
    void anIdWhoseSendPainelMayHaveActedOnStaysUnknownAndIsNotSentThroughPwapi() {
        context.getComponent("painel", PainelComponent.class).getConfiguration().setRequestTimeout(1_000);
        sandbox().painel().faults().failNext(1, Fault.slow(Duration.ofMillis(2_500)));
        SmsMessage row = SmsMessage.to("+5521988887777").text("Olá").externalId("maybe-1").build();
        assertEquals(1, template.requestBody("sms:send", row, SendResult.class).unknownCount());
        sandbox().painel().faults().clear();

        SendResult again = template.requestBody("sms:send", row, SendResult.class);

        RecipientResult result = again.recipients().get(0);
        assertEquals(RecipientResult.Outcome.UNKNOWN, result.outcome());
        assertEquals("painel", result.provider());
        assertTrue(result.reason().startsWith("not sent again: "), result.reason());
        assertEquals(0, sandbox().pwapi().acceptedCount());
    }
}
