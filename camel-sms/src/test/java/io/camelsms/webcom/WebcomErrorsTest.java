package io.camelsms.webcom;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.webcom.model.WebcomError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebcomErrorsTest extends WebcomTestSupport {

    private static final SmsMessage HELLO = SmsMessage.to("+79612242243").sender("Shop").text("hello")
            .externalId("1").build();

    private SmsProviderException failure(String uri, Object body) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(uri, body));
        return assertInstanceOf(SmsProviderException.class, e.getCause());
    }

    @ParameterizedTest
    @EnumSource(WebcomError.class)
    void everyDocumentedErrorTextFailsTypedAndIsNotRetried(WebcomError error) {
        webcom().faults().failNext(1, Fault.code(error.text()));

        SmsProviderException e = failure("webcom:send", HELLO);

        assertEquals("webcom", e.getProvider());
        assertEquals(error.text(), e.getProviderCode());
        assertEquals(error.meaning(), e.getMeaning());
        assertEquals(error.httpStatus(), e.getHttpStatus());
        assertEquals(SmsProviderException.Failure.REFUSED, e.getFailure());
        assertEquals(1, webcom().requestCount(), "not retried");
        assertEquals(0, webcom().accepted().size());
    }

    @Test
    void wrongCredentialsAreRefusedWithHttp200AndTheDocumentedText() {
        webcom().account("other", "other", "other");
        SmsProviderException e = failure("webcom:send", HELLO);
        assertEquals("Incorrect login or password", e.getProviderCode());
        assertEquals(200, e.getHttpStatus());
    }

    @Test
    void aLockedAccountAndABlockedOneAreTold() {
        webcom().accountState(WebcomSimulator.AccountState.LOCKED);
        assertEquals("Your account is locked", failure("webcom:send", HELLO).getProviderCode());
        webcom().accountState(WebcomSimulator.AccountState.BLOCKED);
        SmsProviderException blocked = failure("webcom:balance", null);
        assertEquals("Account blocked", blocked.getProviderCode());
        assertEquals(400, blocked.getHttpStatus());
    }

    @Test
    void anUnknownOrUnmoderatedSenderRefusesTheWholeRequest() {
        webcom().registeredSenders("Shop", "Pending").unmoderatedSender("Pending");
        assertEquals("There is no such sender", failure("webcom:send",
                SmsMessage.to("+79612242243").sender("Other").text("hi").externalId("1").build()).getProviderCode());
        assertEquals("The sender has not been moderated", failure("webcom:send",
                SmsMessage.to("+79612242243").sender("Pending").text("hi").externalId("1").build()).getProviderCode());
        assertEquals(0, webcom().accepted().size());
    }

    @Test
    void aTextTheModeratorRefusesFails() {
        webcom().moderatorRefuses("casino");
        assertEquals("SMS text rejected by moderator", failure("webcom:send",
                SmsMessage.to("+79612242243").sender("Shop").text("best casino").externalId("1").build())
                .getProviderCode());
    }

    @Test
    void anUnlistedErrorTextIsStillTypedAndPermanent() {
        webcom().faults().failNext(1, Fault.code("Something new"));
        SmsProviderException e = failure("webcom:send", HELLO);
        assertEquals("Something new", e.getProviderCode());
        assertEquals(SmsProviderException.Failure.REFUSED, e.getFailure());
    }

    /** The one send repeated after an unknown outcome: client_id_sms makes the platform send it once. */
    @Test
    void http5xxIsRetriedWithBackoff() {
        webcom().faults().failNext(2, Fault.http(503));

        SendResult result = template.requestBody("webcom:send", HELLO, SendResult.class);

        assertEquals(3, webcom().requestCount());
        assertEquals(1, result.acceptedCount());
    }

    @Test
    void http5xxBeyondMaxRetriesFailsAsUnknown() {
        webcom().faults().failNext(10, Fault.http(500));

        SmsProviderException e = failure("webcom:status?maxRetries=2", "82216");

        assertTrue(e.isUnknown());
        assertEquals(500, e.getHttpStatus());
        assertEquals(3, webcom().requestCount());
    }
}
