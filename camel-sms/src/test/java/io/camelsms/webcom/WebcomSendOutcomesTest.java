package io.camelsms.webcom;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.WebcomSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * webcom is the one provider camel-sms resends to after an unknown outcome: each phone carries its client_id_sms,
 * and the document says a repeated one "will not be sent again, but the number of the previously sent SMS will be
 * returned". Over real HTTP: each message reaches the platform's accepted list once, with the id it was given.
 */
class WebcomSendOutcomesTest extends WebcomTestSupport {

    private static final int MESSAGES = 50;

    @Test
    void aRequestAnsweredAfterTheTimeoutIsResentWithTheSameIdsAndEachMessageIsSentOnce() throws Exception {
        webcom().faults().failNext(1, Fault.slow(Duration.ofMillis(2_500)));

        SendResult result = template.requestBody("webcom:send?requestTimeout=1000&maxRetries=3", messages(),
                SendResult.class);

        awaitPlatformDone();
        assertSentOnceWithTheIdsReturned(result);
        assertEquals(2, webcom().requestCount(), "the slow request and one resend");
    }

    @Test
    void aConnectionDroppedAfterTheRequestWasReadIsResentWithTheSameIds() throws Exception {
        webcom().faults().failNext(2, Fault.resetAfterRead());

        SendResult result = template.requestBody("webcom:send?maxRetries=3", messages(), SendResult.class);

        assertSentOnceWithTheIdsReturned(result);
        assertEquals(3, webcom().requestCount());
    }

    @Test
    void stillUnknownAfterTheRetriesTheMessagesAreReportedUnknown() {
        webcom().faults().failNext(10, Fault.http(502));

        SendResult result = template.requestBody("webcom:send?maxRetries=2", messages(), SendResult.class);

        assertEquals(MESSAGES, result.unknownCount());
        assertEquals(3, webcom().requestCount(), "the first attempt and two resends with the same ids");
        assertTrue(result.unknown().get(0).reason().contains("HTTP 502"), result.unknown().get(0).reason());
    }

    private void assertSentOnceWithTheIdsReturned(SendResult result) {
        assertEquals(MESSAGES, result.acceptedCount());
        List<WebcomSimulator.Accepted> accepted = webcom().accepted();
        assertEquals(MESSAGES, accepted.size(), "each message once, however often its request went out");
        for (RecipientResult r : result.recipients()) {
            WebcomSimulator.Accepted sent = accepted.stream().filter(a -> a.clientIdSms().equals(r.externalId()))
                    .findFirst().orElseThrow();
            assertEquals(String.valueOf(sent.idSms()), r.providerMessageId());
        }
    }

    private static List<SmsMessage> messages() {
        List<SmsMessage> messages = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(SmsMessage.to("+796122" + (10_000 + i)).sender("Shop").text("hello")
                    .externalId(String.valueOf(1_000 + i)).build());
        }
        return messages;
    }

    /** Until the platform finished the request the client gave up on (it acts on it after the client left). */
    private void awaitPlatformDone() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (webcom().finishedCount() < webcom().requestCount()) {
            assertTrue(System.nanoTime() < deadline, "the sandbox did not finish the slow request");
            Thread.sleep(20);
        }
    }
}
