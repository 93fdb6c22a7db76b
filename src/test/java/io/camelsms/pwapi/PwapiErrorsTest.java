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
    @EnumSource(value = PwapiReturnCode.class, mode = EnumSource.Mode.EXCLUDE, names = "SUCCESS")
    void everyDocumentedErrorCodeFailsWithItsCodeAndMeaning(PwapiReturnCode code) {
        pwapi().faults().failNext(1, Fault.code(code.code()));

        SmsProviderException e = sendExpectingFailure("pwapi:send?maxRetries=0");

        assertEquals("pwapi", e.getProvider());
        assertEquals(code.code(), e.getProviderCode());
        assertEquals(code.meaning(), e.getMeaning());
        assertEquals(code.retryable(), e.isRetryable());
        assertTrue(e.getMessage().contains(code.code() + ": " + code.meaning()), e.getMessage());
        assertEquals(0, pwapi().acceptedCount());
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
    void internalErrorsAreRetriedUpToMaxRetriesThenFail() {
        pwapi().faults().failNext(10, Fault.code("901"));

        SmsProviderException e = sendExpectingFailure("pwapi:send?maxRetries=2");

        assertEquals("901", e.getProviderCode());
        assertEquals(3, pwapi().requestCount(), "the first attempt and two retries");
    }

    @Test
    void invalidCredentialIsNotRetried() {
        pwapi().account("other", "other");

        SmsProviderException e = sendExpectingFailure("pwapi:send");

        assertEquals("001", e.getProviderCode());
        assertFalse(e.isRetryable());
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
    void httpServerErrorsAreRetried() {
        pwapi().faults().failNext(1, Fault.http(503));

        template.sendBody("pwapi:send", HELLO);

        assertEquals(2, pwapi().requestCount());
        assertEquals(1, pwapi().acceptedCount());
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
            SmsProviderException ok = sendExpectingFailure("pwapi:send?maxRetries=0&baseUrl=" + base);
            assertTrue(ok.getMessage().contains("not the expected JSON"), ok.getMessage());
            assertTrue(ok.getMessage().contains("HTTP 200"), ok.getMessage());
            assertTrue(ok.getMessage().contains("Service Unavailable"), ok.getMessage());
            assertFalse(ok.isRetryable());

            SmsProviderException down = sendExpectingFailure("pwapi:send?maxRetries=0&baseUrl=" + base + "/down");
            assertTrue(down.getMessage().contains("HTTP 502"), down.getMessage());
            assertTrue(down.isRetryable());
        } finally {
            html.stop(0);
        }
    }

    @Test
    void anUnreachableProviderFailsAsRetryable() {
        SmsProviderException e = sendExpectingFailure("pwapi:send?maxRetries=0&baseUrl=http://127.0.0.1:1");
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("cannot reach POST http://127.0.0.1:1/sms/v_4_00/postsms.aspx"),
                e.getMessage());
    }

    private SmsProviderException sendExpectingFailure(String uri) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.sendBody(uri, HELLO));
        return assertInstanceOf(SmsProviderException.class, e.getCause());
    }
}
