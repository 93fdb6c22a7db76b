package io.camelsms.smsway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.camelsms.core.QuotaExceededException;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.smsway.model.SmswayState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component keeps sends inside the account's quotas. The sandbox and the component count with the same
 * controllable clock, and the component's "sleep" advances it: minutes of quota pass in no real time.
 */
class SmswayQuotaTest extends SmswayTestSupport {

    private final AtomicInteger sleeps = new AtomicInteger();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SmswayConfiguration configuration = context.getComponent("smsway", SmswayComponent.class).getConfiguration();
        configuration.setQuotaClock(SANDBOX.sandbox().clock());
        configuration.setQuotaSleeper(wait -> {
            sleeps.incrementAndGet();
            SANDBOX.sandbox().clock().advance(wait);
        });
        return context;
    }

    @BeforeEach
    void freezeTime() {
        SANDBOX.sandbox().clock().freeze();
    }

    @Test
    void oneHundredFiftySendsStayInsideSixtyPerMinuteAcrossTwoEndpointsOfTheAccount() {
        String key = freshAccount();
        smsway().quotas(60, 0, 0);
        Instant start = SANDBOX.sandbox().clock().instant();

        SendResult first = template.requestBody("smsway:send?quotasFromUserinfo=true&sim=0&tokenapi=" + key,
                messages(0, 100), SendResult.class);
        SendResult second = template.requestBody("smsway:send?quotasFromUserinfo=true&sim=1&tokenapi=" + key,
                messages(100, 150), SendResult.class);

        assertEquals(100, first.acceptedCount());
        assertEquals(50, second.acceptedCount());
        assertEquals(0, smsway().cancelledCount(), "the sandbox discarded none as over quota");
        List<SmsWaySimulator.Message> sent = smsway().messages();
        assertEquals(150, sent.size());
        assertFalse(sent.stream().anyMatch(m -> m.state() == SmswayState.SMS_DELETED.code()));
        for (SmsWaySimulator.Message m : sent) {
            long inMinuteBefore = sent.stream().filter(o -> o.tsreq().isAfter(m.tsreq().minusSeconds(60))
                                                            && !o.tsreq().isAfter(m.tsreq())).count();
            assertTrue(inMinuteBefore <= 60, "a minute ending at " + m.tsreq() + " holds " + inMinuteBefore);
        }
        assertTrue(Duration.between(start, SANDBOX.sandbox().clock().instant()).compareTo(Duration.ofMinutes(2)) >= 0,
                "150 at 60 a minute take more than two minutes of (sandbox) time");
        assertTrue(sleeps.get() > 0);
    }

    @Test
    void withoutTheThrottleTheSandboxDiscardsWhatIsOverQuota() {
        // the control for the test above: the same sends with no quota configured lose 90 messages
        String key = freshAccount();
        smsway().quotas(60, 0, 0);

        SendResult result = template.requestBody("smsway:send?tokenapi=" + key, messages(0, 150), SendResult.class);

        assertEquals(150, result.acceptedCount(), "the provider answers 1 and discards silently");
        assertEquals(90, smsway().cancelledCount());
        assertEquals(0, sleeps.get());
    }

    @Test
    void aSendThatWouldWaitLongerThanAllowedFailsWithAQuotaError() {
        String key = freshAccount();
        String uri = "smsway:send?maxPerMinute=2&maxQuotaWait=10s&concurrency=1&tokenapi=" + key;

        SendResult result = template.requestBody(uri, messages(0, 3), SendResult.class);

        assertEquals(List.of(true, true, false), result.recipients().stream().map(r -> r.accepted()).toList());
        String reason = result.recipients().get(2).reason();
        assertTrue(reason.contains("quota reached (2 per PT1M1S)") && reason.contains("not sent"), reason);
        QuotaExceededException e = failure(QuotaExceededException.class, uri, messages(3, 4).get(0));
        assertTrue(e.getWaitNeeded().compareTo(Duration.ofSeconds(10)) > 0);
        assertEquals(2, smsway().requestCount(), "the refused sends never left");
        assertEquals(0, sleeps.get(), "it failed at once rather than waiting");
    }

    @Test
    void aWaitWithinTheBoundIsWaited() {
        String key = freshAccount();

        SendResult result = template.requestBody("smsway:send?maxPerHour=3&maxQuotaWait=2h&tokenapi=" + key,
                messages(0, 4), SendResult.class);

        assertEquals(4, result.acceptedCount());
        List<Instant> sentAt = smsway().messages().stream().map(SmsWaySimulator.Message::tsreq).sorted().toList();
        assertTrue(Duration.between(sentAt.get(0), sentAt.get(3)).compareTo(Duration.ofHours(1)) > 0,
                "the fourth went more than an hour after the first");
    }

    private static List<SmsMessage> messages(int from, int to) {
        List<SmsMessage> messages = new ArrayList<>();
        for (int i = from; i < to; i++) {
            messages.add(SmsMessage.to("+39380" + String.format("%07d", i)).text("quota test " + i).build());
        }
        return messages;
    }
}
