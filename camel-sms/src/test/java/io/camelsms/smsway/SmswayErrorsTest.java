package io.camelsms.smsway;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.smsway.model.SmswayCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmswayErrorsTest extends SmswayTestSupport {

    private static final SmsMessage HELLO = SmsMessage.to("+393801234567").text("hello").build();

    @ParameterizedTest
    @EnumSource(value = SmswayCode.class, mode = EnumSource.Mode.EXCLUDE,
                names = {"SUCCESS", "PUSH_NOTIFICATION_FAILED", "GENERIC_ERROR"})
    void everyDocumentedRefusalOfSmssendFailsWithItsCodeAndMeaning(SmswayCode code) {
        smsway().faults().failNext(1, Fault.code(String.valueOf(code.code())));

        SmsProviderException e = failure(SmsProviderException.class, "smsway:send?maxRetries=0", HELLO);

        assertEquals("smsway", e.getProvider());
        assertEquals(String.valueOf(code.code()), e.getProviderCode());
        assertEquals(code.meaning(), e.getMeaning());
        assertEquals(SmsProviderException.Failure.REFUSED, e.getFailure());
        assertTrue(e.getMessage().contains("code " + code.code() + ": " + code.meaning()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SmswayCode.class, mode = EnumSource.Mode.EXCLUDE, names = "SUCCESS")
    void theSameCodesOnUserinfoAreMappedToo(SmswayCode code) {
        smsway().faults().failNext(1, Fault.code(String.valueOf(code.code())));

        SmsProviderException e = failure(SmsProviderException.class, "smsway:userinfo?maxRetries=0", null);

        assertEquals(String.valueOf(code.code()), e.getProviderCode());
        assertEquals(code == SmswayCode.PUSH_NOTIFICATION_FAILED ? "fails" : code.meaning(), e.getMeaning());
    }

    /** smsgetlast lists a request whose push failed with state 2: the request was recorded, so it is not resent. */
    @Test
    void pushNotificationFailedLeavesTheOutcomeUnknownAndIsNotResent() {
        smsway().faults().failNext(2, Fault.code("0"));

        SendResult result = template.requestBody("smsway:send", HELLO, SendResult.class);

        assertEquals(1, smsway().requestCount());
        assertEquals(1, result.unknownCount());
        assertTrue(result.unknown().get(0).reason().contains("code 0: push notification failed"),
                result.unknown().get(0).reason());
    }

    @Test
    void aGenericErrorAsABareNumberLeavesTheOutcomeUnknownToo() {
        smsway().bareSendReply(true).faults().failNext(1, Fault.code("-4"));

        SendResult result = template.requestBody("smsway:send", HELLO, SendResult.class);

        assertEquals(1, smsway().requestCount());
        assertEquals(1, result.unknownCount());
    }

    @Test
    void aWrongKeyIsMinus21AndNotRetried() {
        SmsProviderException e = failure(SmsProviderException.class, "smsway:send?tokenapi=wrong", HELLO);

        assertEquals("-21", e.getProviderCode());
        assertEquals(SmsProviderException.Failure.REFUSED, e.getFailure());
        assertEquals(1, smsway().requestCount());
    }

    @Test
    void theSandboxAnswersEachAccountCondition() {
        smsway().accountState(SmsWaySimulator.AccountState.DISABLED);
        assertEquals("-23", failure(SmsProviderException.class, "smsway:send", HELLO).getProviderCode());
        smsway().accountState(SmsWaySimulator.AccountState.INVALID_ROLE);
        assertEquals("-22", failure(SmsProviderException.class, "smsway:userinfo", null).getProviderCode());
        smsway().accountState(SmsWaySimulator.AccountState.ACTIVE).ipv4grant("10.1.2.3");
        assertEquals("-25", failure(SmsProviderException.class, "smsway:send", HELLO).getProviderCode());
        smsway().ipv4grant("10.1.2.3,127.0.0.1").prefixwhite("1,44");
        assertEquals("-5", failure(SmsProviderException.class, "smsway:send", HELLO).getProviderCode());
        smsway().prefixwhite("39").credits(0);
        assertEquals("-2", failure(SmsProviderException.class, "smsway:send", HELLO).getProviderCode());
        smsway().credits(1);
        template.sendBody("smsway:send", HELLO);
        assertEquals(1, smsway().messages().size());
    }

    @Test
    void overQuotaAnsweredAsThresholdIsNotRetried() {
        smsway().quotas(1, 0, 0).overQuotaAnswersThreshold(true);
        template.sendBody("smsway:send?tokenapi=" + SmsWaySimulator.DEFAULT_TOKENAPI, HELLO);

        SmsProviderException e = failure(SmsProviderException.class, "smsway:send", HELLO);

        assertEquals("-3", e.getProviderCode());
        assertEquals(SmsProviderException.Failure.REFUSED, e.getFailure());
    }

    @Test
    void whenCreditsRunOutMidListTheRestIsReportedNotTried() {
        smsway().credits(2);
        List<SmsMessage> messages = List.of(HELLO, HELLO, HELLO, HELLO, HELLO);

        SendResult result = template.requestBody("smsway:send?concurrency=1", messages, SendResult.class);

        assertEquals(List.of(true, true, false, false, false),
                result.recipients().stream().map(RecipientResult::accepted).toList());
        assertTrue(result.recipients().get(2).reason().contains("-2: smsToken (credits) insufficient"),
                result.recipients().get(2).reason());
        assertTrue(result.recipients().get(3).reason().startsWith("not sent: "), result.recipients().get(3).reason());
        assertEquals(3, smsway().requestCount(), "no call after the account ran out");
    }

    @Test
    void aPrefixRefusedForOneRecipientDoesNotStopTheOthers() {
        smsway().prefixwhite("39");
        List<SmsMessage> messages = List.of(HELLO, SmsMessage.to("+447911123456").text("uk").build(), HELLO);

        SendResult result = template.requestBody("smsway:send?concurrency=1", messages, SendResult.class);

        assertEquals(List.of(true, false, true), result.recipients().stream().map(RecipientResult::accepted).toList());
        assertTrue(result.recipients().get(1).reason().contains("-5"), result.recipients().get(1).reason());
    }

    @Test
    void anUndocumentedHttpErrorLeavesTheOutcomeUnknownAndIsNotResent() {
        smsway().faults().failNext(1, Fault.http(503));

        SendResult result = template.requestBody("smsway:send", HELLO, SendResult.class);

        assertEquals(1, result.unknownCount());
        assertEquals(1, smsway().requestCount());
        assertEquals(0, smsway().messages().size());
    }
}
