package io.camelsms.smsclouds;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.sandbox.Fault;
import io.camelsms.smsclouds.model.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmscloudsErrorsTest extends SmscloudsTestSupport {

    private static final SmsMessage HELLO = SmsMessage.to("4498987281").text("hola").build();

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = "SERVER_ERROR")
    void everyErrorBodyBecomesATypedExceptionCarryingItsInformation(ErrorCode code) {
        smsclouds().faults().failNext(1, Fault.code(String.valueOf(code.status())));

        SmscloudsException e = failure(SmscloudsException.class, "smsclouds:send?route=87&maxRetries=0", HELLO);

        assertEquals("smsclouds", e.getProvider());
        assertEquals(String.valueOf(code.status()), e.getProviderCode());
        assertEquals(code.status(), e.getHttpStatus());
        assertEquals("Sandbox fault " + code.status(), e.getInformation());
        assertTrue(e.getMeaning().startsWith(code.meaning() + ": Sandbox fault"), e.getMeaning());
        assertEquals(code.failure(), e.getFailure());
        assertEquals(0, smsclouds().recipientsAccepted());
    }

    @Test
    void only429IsARefusalForNowAnd5xxLeavesTheOutcomeUnknown() {
        assertEquals(SmsProviderException.Failure.UNKNOWN, ErrorCode.failureOf(500),
                "the document does not say the campaign was not created");
        assertEquals(SmsProviderException.Failure.REFUSED_TRY_LATER, ErrorCode.failureOf(429));
        assertEquals(SmsProviderException.Failure.UNKNOWN, ErrorCode.failureOf(503));
        for (int permanent : List.of(400, 401, 404, 422)) {
            assertEquals(SmsProviderException.Failure.REFUSED, ErrorCode.failureOf(permanent),
                    String.valueOf(permanent));
        }
    }

    @Test
    void aWrongTokenIs401WithTheProvidersInformationAndIsNotRetried() {
        smsclouds().token("another");

        SmscloudsException e = failure(SmscloudsException.class, "smsclouds:user", null);

        assertEquals(401, e.getHttpStatus());
        assertEquals("Unauthenticated.", e.getInformation());
        assertEquals(SmsProviderException.Failure.REFUSED, e.getFailure());
        assertEquals(1, smsclouds().requestCount());
    }

    @Test
    void a422FromTheProviderIsNotRetried() {
        SmscloudsException e = failure(SmscloudsException.class, "smsclouds:voiceStatus", "999");
        assertEquals(404, e.getHttpStatus());
        smsclouds().faults().failNext(1, Fault.code("422"));
        failure(SmscloudsException.class, "smsclouds:send?route=87", HELLO);
        assertEquals(2, smsclouds().requestCount());
    }

    @Test
    void aServerErrorOnACampaignLeavesItUnknownAndIsNotResent() {
        smsclouds().faults().failNext(2, Fault.code("500"));

        SendResult result = template.requestBody("smsclouds:send?route=87", HELLO, SendResult.class);

        assertEquals(1, smsclouds().requestCount());
        assertEquals(1, result.unknownCount());
        assertTrue(result.unknown().get(0).reason().contains("Try again later"), result.unknown().get(0).reason());
    }

    @Test
    void aServerErrorOnTheSecondCampaignOfABatchLeavesThatCampaignUnknownAndTheFirstAccepted() {
        smsclouds().faults().failAfter(1, 1, Fault.code("500"));

        SendResult result = template.requestBody("smsclouds:send?route=87", List.of(
                SmsMessage.to("4498987281").text("A").build(), SmsMessage.to("4498987282").text("B").build(),
                SmsMessage.to("4498987283").text("A").build()), SendResult.class);

        assertEquals(2, smsclouds().requestCount());
        assertEquals(2, result.acceptedCount());
        assertEquals(1, result.unknownCount(), "a campaign that may have gone out is unknown, not rejected");
        assertEquals(1, result.unknown().get(0).index(), "the B campaign's recipient");
    }

    @Test
    void serverErrorsOnAReadAreRetriedWithBackoffThenSucceed() {
        smsclouds().faults().failNext(2, Fault.code("500"));

        template.requestBody("smsclouds:user", (Object) null);

        assertEquals(3, smsclouds().requestCount());
    }

    @Test
    void serverErrorsOnAReadStopAfterMaxRetries() {
        smsclouds().faults().failNext(10, Fault.code("500"));
        SmscloudsException e = failure(SmscloudsException.class, "smsclouds:user?maxRetries=2", null);
        assertTrue(e.isUnknown());
        assertEquals(3, smsclouds().requestCount());
    }

    @Test
    void rateLimitedCallsAreRetriedAndTheLimitIsReported() {
        smsclouds().faults().failNext(1, Fault.code("429"));
        template.sendBody("smsclouds:send?route=87", HELLO);
        assertEquals(2, smsclouds().requestCount());

        smsclouds().faults().failNext(1, Fault.code("429"));
        SmscloudsException e = failure(SmscloudsException.class, "smsclouds:send?route=87&maxRetries=0", HELLO);
        assertTrue(e.getMessage().contains("X-RateLimit-Limit 60"), e.getMessage());
    }

    @Test
    void anUndocumented5xxWithoutTheErrorBodyLeavesACampaignUnknown() {
        smsclouds().faults().failNext(1, Fault.http(503));
        SendResult result = template.requestBody("smsclouds:send?route=87", HELLO, SendResult.class);
        assertEquals(1, result.unknownCount());
        assertEquals(1, smsclouds().requestCount());
        assertEquals(0, smsclouds().campaigns().size());
    }

    @Test
    void aFailedCampaignAfterAnAcceptedOneIsReportedNotThrown() {
        smsclouds().faults().failAfter(1, 1, Fault.code("422"));
        List<SmsMessage> messages = List.of(
                SmsMessage.to("4498987281").text("a").build(), SmsMessage.to("4498987282").text("a").build(),
                SmsMessage.to("4498987283").text("a").build(), SmsMessage.to("4498987284").text("a").build(),
                SmsMessage.to("4498987285").text("a").build());

        SendResult result = template.requestBody("smsclouds:send?route=87&batchSize=2", messages, SendResult.class);

        assertEquals(List.of(true, true, false, false, true),
                result.recipients().stream().map(RecipientResult::accepted).toList());
        assertTrue(result.recipients().get(2).reason().contains("Unprocessable Entity"),
                result.recipients().get(2).reason());
        assertEquals(2, result.batchIds().size());
        assertEquals(3, smsclouds().recipientsAccepted());
    }
}
