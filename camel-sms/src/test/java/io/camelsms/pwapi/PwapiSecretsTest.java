package io.camelsms.pwapi;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials never appear in a log line, an exception message or an endpoint URI as Camel prints it. */
class PwapiSecretsTest extends PwapiTestSupport {

    private static final String CREDENTIAL = "CRED-7f3a9c2e51";
    private static final String TOKEN = "TOK-b81d";

    @Test
    void credentialsAppearNowhere() throws Exception {
        pwapi().account(CREDENTIAL, TOKEN);
        String uri = "pwapi:send?credential=" + CREDENTIAL + "&token=" + TOKEN + "&maxRetries=1";
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            template.sendBody(uri, SmsMessage.to("+5521988887777").text("hello").build());
            pwapi().faults().failNext(5, Fault.code("905"));
            CamelExecutionException retried = assertThrows(CamelExecutionException.class,
                    () -> template.sendBody(uri, SmsMessage.to("+5521988887777").text("again").build()));
            CamelExecutionException invalid = assertThrows(CamelExecutionException.class,
                    () -> template.sendBody(uri, SmsMessage.to("nope").text("bad number").build()));
            pwapi().account("changed", "changed");
            CamelExecutionException rejected = assertThrows(CamelExecutionException.class,
                    () -> template.sendBody(uri, SmsMessage.to("+5521988887777").text("refused").build()));
            for (Throwable e : List.of(retried, invalid, rejected)) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    seen.add(String.valueOf(t.getMessage()));
                }
            }
            // getEndpointUri() stays raw, as in every Camel component (Camel rebuilds endpoints from it);
            // what Camel prints is toString() and the sanitised URI in errors and logs
            Endpoint endpoint = context.getEndpoint(uri);
            seen.add(endpoint.toString());
            ResolveEndpointFailedException typo = assertThrows(ResolveEndpointFailedException.class,
                    () -> template.sendBody(uri + "&batchSzie=5", "x"));
            seen.add(typo.getMessage());
            context.getEndpoints().forEach(ep -> seen.add(ep.toString()));
            seen.addAll(logs.lines());
        }

        assertTrue(seen.stream().anyMatch(line -> line.contains("905")), "the capture saw the retries");
        for (String line : seen) {
            assertFalse(line.contains(CREDENTIAL), () -> "credential leaked: " + line);
            assertFalse(line.contains(TOKEN), () -> "token leaked: " + line);
        }
    }
}
