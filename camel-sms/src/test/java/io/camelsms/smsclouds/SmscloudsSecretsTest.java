package io.camelsms.smsclouds;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;
import io.camelsms.testing.LogCapture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token and the webhook secret never appear in a log line, an exception message or a printed endpoint URI. */
class SmscloudsSecretsTest extends SmscloudsTestSupport {

    private static final String TOKEN = "TOK-e41f99ab27";
    private static final String WEBHOOK_SECRET = "HOOK-5c0d1e";

    @Test
    void credentialsAppearNowhere() throws Exception {
        smsclouds().token(TOKEN);
        String uri = "smsclouds:send?route=87&token=" + TOKEN + "&maxRetries=1";
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = LogCapture.everything()) {
            template.sendBody(uri, SmsMessage.to("4498987281").text("hola").build());
            smsclouds().faults().failNext(3, Fault.code("500")); // the send once, the read twice
            seen.add(template.requestBody(uri, SmsMessage.to("4498987281").text("otra").build(), SendResult.class)
                    .unknown().get(0).reason());
            CamelExecutionException retried = assertThrows(CamelExecutionException.class,
                    () -> template.requestBody("smsclouds:user?token=" + TOKEN + "&maxRetries=1", (Object) null));
            CamelExecutionException invalid = assertThrows(CamelExecutionException.class,
                    () -> template.sendBody(uri, SmsMessage.to("nope").text("bad").build()));
            smsclouds().token("changed");
            CamelExecutionException refused = assertThrows(CamelExecutionException.class,
                    () -> template.sendBody(uri, SmsMessage.to("4498987281").text("refused").build()));
            for (Throwable e : List.of(retried, invalid, refused)) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    seen.add(String.valueOf(t.getMessage()));
                }
            }
            Endpoint webhook = context.getEndpoint("smsclouds:inbound?webhookSecret=" + WEBHOOK_SECRET + "&token="
                                                   + TOKEN);
            seen.add(webhook.toString());
            seen.add(context.getEndpoint(uri).toString());
            ResolveEndpointFailedException typo = assertThrows(ResolveEndpointFailedException.class,
                    () -> template.sendBody(uri + "&webhookSecret=" + WEBHOOK_SECRET + "&batchSzie=5", "x"));
            seen.add(typo.getMessage());
            context.getEndpoints().forEach(ep -> seen.add(ep.toString()));
            seen.addAll(logs.lines());
        }

        assertTrue(seen.stream().anyMatch(line -> line.contains("500")), "the capture saw the retries");
        for (String line : seen) {
            assertFalse(line.contains(TOKEN), () -> "token leaked: " + line);
            assertFalse(line.contains(WEBHOOK_SECRET), () -> "webhook secret leaked: " + line);
        }
    }
}
