package io.camelsms.smsway;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API key never appears in a log line, an exception message or an endpoint URI as Camel prints it. */
class SmswaySecretsTest extends SmswayTestSupport {

    private static final String KEY = "APIKEY-5d1e93b07c";

    @Test
    void theApiKeyAppearsNowhere() {
        smsway().account(KEY);
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            for (String placement : List.of("cookie", "body")) {
                String uri = "smsway:send?maxRetries=1&apiKeyPlacement=" + placement + "&tokenapi=" + KEY;
                template.sendBody(uri, SmsMessage.to("+393801234567").text("hello").build());
                smsway().faults().failNext(1, Fault.code("-4"));
                seen.add(template.requestBody(uri, SmsMessage.to("+393801234567").text("again").build(),
                        SendResult.class).unknown().get(0).reason());
                seen.add(assertThrows(CamelExecutionException.class, () -> template.sendBody(uri,
                        SmsMessage.to("+393801234567").text("x".repeat(200)).build())).getCause().getMessage());
                template.sendBody("smsway:userinfo?apiKeyPlacement=" + placement + "&tokenapi=" + KEY, null);
            }
            seen.add(assertThrows(CamelExecutionException.class, () -> template.sendBody("smsway:send?tokenapi="
                    + KEY + "x", SmsMessage.to("+393801234567").text("refused").build())).getCause().getMessage());
            context.getEndpoints().forEach(ep -> seen.add(ep.toString()));
            seen.addAll(logs.lines());
        }

        assertTrue(seen.stream().anyMatch(line -> line.contains("-4")), "the capture saw the retries");
        for (String line : seen) {
            assertFalse(line.contains(KEY), () -> "key leaked: " + line);
        }
    }
}
