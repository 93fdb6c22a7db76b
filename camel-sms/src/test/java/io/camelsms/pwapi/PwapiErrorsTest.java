package io.camelsms.pwapi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.pwapi.model.PwapiReturnCode;
import io.camelsms.sandbox.Fault;
import io.camelsms.sandbox.PwapiSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PwapiErrorsTest extends PwapiTestSupport {

    private static final SmsMessage HELLO = SmsMessage.to("+5521988887777").text("hello").build();

    @ParameterizedTest
    @EnumSource(value = PwapiReturnCode.class, mode = EnumSource.Mode.EXCLUDE,
                names = {"SUCCESS", "INTERNAL_ERROR_900", "INTERNAL_ERROR_901", "INTERNAL_ERROR_902"})
    void everyDocumentedRefusalFailsWithItsCodeAndMeaning(PwapiReturnCode code) {
        pwapi().faults().failNext(1, Fault.code(code.code()));

        SmsProviderException e = sendExpectingFailure("pwapi:send?maxRetries=0");

        assertEquals("pwapi", e.getProvider());
        assertEquals(code.code(), e.getProviderCode());
        assertEquals(code.meaning(), e.getMeaning());
        assertEquals(code.failure(), e.getFailure());
        assertTrue(e.isRefused());
        assertTrue(e.getMessage().contains(code.code() + ": " + code.meaning()), e.getMessage());
        assertFalse(e.getMessage().contains("retryable"), e.getMessage());
        assertEquals(1, e.getSendResult().rejectedCount(), "the exception accounts for the message");
        assertEquals(0, pwapi().acceptedCount());
    }

    @ParameterizedTest
    @EnumSource(value = PwapiReturnCode.class, names = {"INTERNAL_ERROR_900", "INTERNAL_ERROR_901", "INTERNAL_ERROR_902"})
    void internalErrorsLeaveTheOutcomeUnknownAndAreNotResent(PwapiReturnCode code) {
        pwapi().faults().failNext(10, Fault.code(code.code()));

        RecipientResult unknown = sendExpectingUnknown("pwapi:send?maxRetries=2");

        assertTrue(unknown.reason().contains(code.code() + ": Internal Error"), unknown.reason());
        assertTrue(unknown.reason().contains("[outcome unknown"), unknown.reason());
        assertEquals(1, pwapi().requestCount(), "an internal error does not say the messages were not taken");
    }

    @Test
    void sendAgainTwiceThenSuccessIsRetriedWithBackoff() {
        pwapi().faults().failNext(2, Fault.code("905"));

        SendResult result = template.requestBody("pwapi:send", HELLO, SendResult.class);

        assertEquals(3, pwapi().requestCount());
        assertEquals(1, result.acceptedCount());
        assertEquals(1, pwapi().acceptedCount());
    }

    @Test
    void sendAgainIsRetriedUpToMaxRetriesThenRejectedWithoutInvitingARetry() {
        pwapi().faults().failNext(10, Fault.code("905"));

        SmsProviderException e = sendExpectingFailure("pwapi:send?maxRetries=2");

        assertEquals("905", e.getProviderCode());
        assertEquals(3, pwapi().requestCount(), "the first attempt and two retries");
        String reason = e.getSendResult().recipients().get(0).reason();
        assertTrue(reason.endsWith("[refused; gave up after 2 retries]"), reason);
    }

    @Test
    void invalidCredentialIsNotRetried() {
        pwapi().account("other", "other");

        SmsProviderException e = sendExpectingFailure("pwapi:send");

        assertEquals("001", e.getProviderCode());
        assertEquals(SmsProviderException.Failure.REFUSED, e.getFailure());
        assertEquals(1, pwapi().requestCount());
    }

    @Test
    void accountStatesAnswerTheirCodes() {
        pwapi().accountState(PwapiSimulator.AccountState.BLOCKED);
        assertEquals("009", sendExpectingFailure("pwapi:send").getProviderCode());
        pwapi().accountState(PwapiSimulator.AccountState.TEST);
        assertEquals("002", sendExpectingFailure("pwapi:send").getProviderCode());
    }

    @Test
    void anUndocumentedHttpServerErrorLeavesTheOutcomeUnknownAndIsNotResent() {
        pwapi().faults().failNext(1, Fault.http(503));

        RecipientResult unknown = sendExpectingUnknown("pwapi:send");

        assertTrue(unknown.reason().contains("HTTP 503"), unknown.reason());
        assertEquals(1, pwapi().requestCount());
    }

    @Test
    void aFailedBatchAfterAnAcceptedOneIsReportedNotThrown() {
        pwapi().faults().failAfter(1, 1, Fault.code("003"));
        List<SmsMessage> messages = List.of(
                SmsMessage.to("+5521988880001").text("a").build(), SmsMessage.to("+5521988880002").text("b").build(),
                SmsMessage.to("+5521988880003").text("c").build(), SmsMessage.to("+5521988880004").text("d").build(),
                SmsMessage.to("+5521988880005").text("e").build());

        SendResult result = template.requestBody("pwapi:send?batchSize=2", messages, SendResult.class);

        assertEquals(List.of(true, true, false, false, true),
                result.recipients().stream().map(RecipientResult::accepted).toList());
        assertTrue(result.recipients().get(2).reason().contains("003: Account Inactive"),
                result.recipients().get(2).reason());
        assertEquals(3, pwapi().acceptedCount());
    }

    @Test
    void aNonJsonReplyFailsWithTheHttpStatusAndTheStartOfTheBody() throws IOException {
        HttpServer html = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        html.createContext("/", exchange -> {
            byte[] page = "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().contains("down") ? 502 : 200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        html.start();
        try {
            String base = "http://127.0.0.1:" + html.getAddress().getPort();
            // a success status with a body nobody can read: the provider may have taken the messages
            String ok = sendExpectingUnknown("pwapi:send?maxRetries=0&baseUrl=" + base).reason();
            assertTrue(ok.contains("not the expected JSON"), ok);
            assertTrue(ok.contains("HTTP 200"), ok);
            assertTrue(ok.contains("Service Unavailable"), ok);

            String down = sendExpectingUnknown("pwapi:send?maxRetries=0&baseUrl=" + base + "/down").reason();
            assertTrue(down.contains("HTTP 502"), down);
        } finally {
            html.stop(0);
        }
    }

    @Test
    void anUnreachableProviderIsARefusalForNow() {
        SmsProviderException e = sendExpectingFailure("pwapi:send?maxRetries=0&baseUrl=http://127.0.0.1:1");
        assertEquals(SmsProviderException.Failure.REFUSED_TRY_LATER, e.getFailure());
        assertTrue(e.getMessage().contains("cannot reach POST http://127.0.0.1:1/sms/v_4_00/postsms.aspx, nothing was"
                                           + " sent"), e.getMessage());
    }

    private RecipientResult sendExpectingUnknown(String uri) {
        SendResult result = template.requestBody(uri, HELLO, SendResult.class);
        assertEquals(1, result.unknownCount(), result.toString());
        assertEquals(0, pwapi().acceptedCount(), "the sandbox answered the fault without acting");
        return result.unknown().get(0);
    }

    private SmsProviderException sendExpectingFailure(String uri) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(uri, HELLO));
        return assertInstanceOf(SmsProviderException.class, e.getCause());
    }
}
