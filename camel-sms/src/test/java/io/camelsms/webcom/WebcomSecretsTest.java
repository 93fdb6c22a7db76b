package io.camelsms.webcom;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.testing.LogCapture;
import io.camelsms.webcom.model.WebcomAuth;
import io.camelsms.webcom.model.WebcomSendRequest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** login, password and token never appear in a log line, an exception message or an endpoint URI Camel prints. */
class WebcomSecretsTest extends WebcomTestSupport {

    private static final String LOGIN = "LOGIN-5e1d0c";
    private static final String PASSWORD = "PASS-93ab77";
    private static final String TOKEN = "TOK-c4f2e8a1";

    @Test
    void credentialsAppearNowhere() {
        webcom().account(LOGIN, PASSWORD, TOKEN);
        String byLogin = "webcom:send?sender=Shop&maxRetries=1&login=" + LOGIN + "&password=" + PASSWORD;
        String byToken = "webcom:status?maxRetries=1&token=" + TOKEN;
        SmsMessage hello = SmsMessage.to("+79612242243").text("hello").externalId("1").build();
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            template.sendBody(byLogin, hello);
            webcom().faults().failNext(2, Fault.http(503)); // the status read and its retry
            List<Throwable> failures = new ArrayList<>();
            failures.add(assertThrows(CamelExecutionException.class, () -> template.sendBody(byToken, "82216")));
            failures.add(assertThrows(CamelExecutionException.class,
                    () -> template.sendBody(byLogin, SmsMessage.to("nope").text("x").externalId("2").build())));
            webcom().account("changed", "changed", "changed");
            failures.add(assertThrows(CamelExecutionException.class, () -> template.sendBody(byLogin, hello)));
            failures.add(assertThrows(CamelExecutionException.class, () -> template.sendBody(byToken, "82216")));
            failures.add(assertThrows(ResolveEndpointFailedException.class,
                    () -> template.sendBody(byToken + "&detial=true", "1")));
            for (Throwable e : failures) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    seen.add(String.valueOf(t.getMessage()));
                }
            }
            context.getEndpoints().forEach(ep -> seen.add(ep.toString()));
            seen.add(new WebcomSendRequest(WebcomAuth.of(LOGIN, PASSWORD, null), List.of()).toString());
            seen.add(WebcomAuth.of(null, null, TOKEN).toString());
            seen.addAll(logs.lines());
        }

        assertTrue(seen.stream().anyMatch(line -> line.contains("Incorrect login or password")), "the capture saw it");
        for (String line : seen) {
            for (String secret : List.of(LOGIN, PASSWORD, TOKEN)) {
                assertFalse(line.contains(secret), () -> "credential leaked: " + line);
            }
        }
    }
}
