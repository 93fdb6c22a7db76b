package io.camelsms.painel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Login and password travel in every query string, yet appear in no log line, exception or printed URI. */
class PainelSecretsTest extends PainelTestSupport {

    private static final String LOGIN = "api-user-93kq";
    private static final String PASSWORD = "pw&7x Zq";

    @Test
    void credentialsAppearNowhere() throws Exception {
        painel().account(LOGIN, PASSWORD);
        String credentials = "login=" + LOGIN + "&password=RAW(" + PASSWORD + ")";
        String send = "painel:send?" + credentials + "&maxRetries=1";
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            String campaign = template.requestBody(send, SmsMessage.to("31999999999").text("oi").build(),
                    SendResult.class).batchIds().get(0);
            template.requestBodyAndHeader("painel:status?" + credentials, null, SmsHeaders.CAMPAIGN_ID, campaign);
            List<Throwable> failures = new ArrayList<>();
            failures.add(assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader(
                    "painel:status?" + credentials, null, SmsHeaders.CAMPAIGN_ID, campaign)));
            SANDBOX.sandbox().clock().advance(Duration.ofMinutes(2));
            painel().faults().failNext(5, Fault.http(503));
            seen.add(template.requestBody(send, SmsMessage.to("31999999999").text("again").build(), SendResult.class)
                    .unknown().get(0).reason());
            painel().faults().failNext(1, Fault.code("0:OPERACAO INVALIDA"));
            failures.add(assertThrows(CamelExecutionException.class,
                    () -> template.requestBody("painel:hold?" + credentials, campaign)));
            failures.add(assertThrows(CamelExecutionException.class,
                    () -> template.requestBody(send, SmsMessage.to("+351912345678").text("foreign").build())));
            painel().account("changed", "changed");
            failures.add(assertThrows(CamelExecutionException.class,
                    () -> template.requestBody("painel:balance?" + credentials, (Object) null)));
            for (Throwable e : failures) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    seen.add(String.valueOf(t.getMessage()));
                }
            }
            ResolveEndpointFailedException typo = assertThrows(ResolveEndpointFailedException.class,
                    () -> template.sendBody(send + "&maxUrlLenght=5", "x"));
            seen.add(typo.getMessage());
            seen.add(context.getEndpoint("painel:callback?webhookSecret=RAW(" + PASSWORD + ")").toString());
            context.getEndpoints().forEach(ep -> seen.add(ep.toString()));
            seen.addAll(logs.lines());
        }

        assertTrue(seen.stream().anyMatch(line -> line.contains("HTTP 503")), "the capture saw the retries");
        assertTrue(seen.stream().anyMatch(line -> line.contains("/painel/api.ashx")), "the capture saw the calls");
        String encodedPassword = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        for (String line : seen) {
            assertFalse(line.contains(LOGIN), () -> "login leaked: " + line);
            assertFalse(line.contains(PASSWORD) || line.contains(encodedPassword)
                        || line.contains(PASSWORD.replace(" ", "%20")), () -> "password leaked: " + line);
        }
    }
}
