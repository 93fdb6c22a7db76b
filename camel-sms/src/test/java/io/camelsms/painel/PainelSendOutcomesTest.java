package io.camelsms.painel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.PainelSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three outcomes of a painel send over real HTTP. The manual documents no HTTP error and no way to find a
 * campaign whose id never came back, so a request that may have reached the panel is reported UNKNOWN and never
 * resent: each number reaches the panel at most once.
 */
class PainelSendOutcomesTest extends PainelTestSupport {

    private static final int ROWS = 2_500;
    /** Short URLs, so 2,500 numbers make many campaigns. */
    private static final String SEND = "painel:send?maxUrlLength=2000&maxRetries=3";
    /** A request timeout the slow fault outlasts. */
    private static final String SEND_IMPATIENTLY = SEND + "&requestTimeout=1000";

    @Test
    void aCampaignAnsweredAfterTheRequestTimeoutIsUnknownAndEachNumberReachesThePanelOnce() throws Exception {
        painel().faults().failAfter(2, 1, Fault.slow(Duration.ofMillis(2_500)));

        SendResult result = template.requestBody(SEND_IMPATIENTLY, messages(), SendResult.class);

        awaitPanelDone();
        List<String> received = receivedNumbers();
        assertEquals(ROWS, received.size(), "every number reached the panel, the slow campaign included");
        assertEquals(ROWS, new HashSet<>(received).size(), "and none twice");
        assertEquals(painel().campaigns().size(), painel().requestCount(), "no campaign was sent again");
        assertEquals(ROWS, result.acceptedCount() + result.unknownCount());
        // the slow campaign at least; under load a cold first request may time out too, and is unknown the same way
        assertTrue(result.unknownCount() > 0);
        assertTrue(new HashSet<>(received).containsAll(
                result.unknown().stream().map(RecipientResult::recipient).toList()),
                "the unknown numbers did reach the panel: resending them would have sent them twice");
        String reason = result.unknown().get(0).reason();
        assertTrue(reason.contains("no reply from GET") && reason.contains("within PT1S"), reason);
        assertTrue(reason.endsWith("[outcome unknown: the provider may have acted]"), reason);
        assertTrue(!reason.contains("lgn=") && !reason.contains("pwd="), "no query string: " + reason);
    }

    @Test
    void aConnectionDroppedAfterTheRequestWasReadIsOneRequestAndUnknown() {
        painel().faults().failNext(1, Fault.resetAfterRead());

        SendResult result = template.requestBody(SEND, SmsMessage.to("31999999999").text("oi").build(),
                SendResult.class);

        assertEquals(1, painel().requestCount(), "neither the HTTP client nor the retry policy sent it again");
        assertEquals(1, result.unknownCount());
        assertTrue(result.unknown().get(0).reason().contains("after the request to GET"),
                result.unknown().get(0).reason());
    }

    @Test
    void fourServiceUnavailableRepliesLeaveFourCampaignsUnknownAndTheOthersAreSent() throws Exception {
        // the manual defines no HTTP status: a 503 may come from a panel that acted, so it is not resent
        painel().faults().failAfter(3, 4, Fault.http(503));

        SendResult result = template.requestBody(SEND, messages(), SendResult.class);

        int campaigns = painel().campaigns().size();
        assertEquals(campaigns + 4, painel().requestCount(), "each campaign requested once");
        assertEquals(ROWS, result.acceptedCount() + result.unknownCount());
        assertEquals(result.acceptedCount(), receivedNumbers().size());
        assertTrue(result.unknownCount() > 0);
        result.unknown().forEach(r -> assertTrue(r.reason().contains("HTTP 503"), r.reason()));
        List<String> acceptedNumbers = result.accepted().stream().map(RecipientResult::recipient).sorted().toList();
        assertEquals(acceptedNumbers, receivedNumbers().stream().sorted().toList());
    }

    private static List<SmsMessage> messages() {
        List<SmsMessage> messages = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            messages.add(SmsMessage.to(String.format("319%08d", 90_000_000 + i)).text("Feliz Natal").build());
        }
        return messages;
    }

    private List<String> receivedNumbers() {
        return painel().campaigns().stream().flatMap(c -> c.messages().stream()).map(PainelSimulator.Sms::number)
                .toList();
    }

    /** Until the panel finished the request the client gave up on (it acts on it after the client left). */
    private void awaitPanelDone() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (painel().finishedCount() < painel().requestCount()) {
            assertTrue(System.nanoTime() < deadline, "the sandbox did not finish the slow request");
            Thread.sleep(20);
        }
    }
}
