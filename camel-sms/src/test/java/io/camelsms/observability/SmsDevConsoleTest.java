package io.camelsms.observability;

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsole;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.Fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sms dev console, text and JSON, after real sends to the sandbox and a forged callback; no Micrometer bound. */
class SmsDevConsoleTest extends ObservabilityTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("sandbox", SANDBOX.sandbox());
        return context;
    }

    @Test
    void theConsoleShowsEachAccountsCountsOpenMessagesLastErrorsAndTheSandbox() throws Exception {
        SendResult painel = template.requestBody("painel:send", List.of(
                SmsMessage.to("+55 31 99999-0001").text("Oferta").build(),
                SmsMessage.to("+55 31 99999-0002").text("Oferta").build(),
                SmsMessage.to("not a number").text("Oferta").build()), SendResult.class);
        SANDBOX.sandbox().pwapi().faults().failNext(1, Fault.code("905"));
        template.requestBody("pwapi:send", SmsMessage.to("+55 31 99999-0003").text("Oi").build(), SendResult.class);
        assertEquals(401, forgedCallback());

        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("sms");
        String text = (String) console.call(DevConsole.MediaType.TEXT, Map.of());
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON, Map.of());
        assertTrue(text.startsWith("camel-sms (metrics off)\n"), text);
        assertTrue(text.contains("\npainel (account " + painelAccount() + ")\n"
                + "    messages: accepted 2, accepted earlier 0, rejected 1 {invalid_number=1}, unknown 0 {}\n"
                + "    segments " + painel.totalSegments() + ", batches 1, retries 0, provider errors {}\n"
                + "    delivery reports {}, replies 0, webhook calls refused {401=1}\n"
                + "    open messages 2, oldest accepted "), text);
        assertTrue(text.contains("\npwapi (account " + pwapiAccount() + ")\n"
                + "    messages: accepted 1, accepted earlier 0, rejected 0 {}, unknown 0 {}\n"
                + "    segments 1, batches 1, retries 1, provider errors {905=1}\n"
                + "    delivery reports {}, replies 0, webhook calls refused {}\n"), text);
        assertTrue(text.matches("(?s).*\nLast errors, newest first:\n    \\S+ painel \\S+: webhook refused 401\n"
                + "    \\S+ pwapi \\S+: provider error 905\n.*"), text);
        assertTrue(text.contains("\nSandbox at " + SANDBOX.sandbox().baseUrl() + ", sandbox time "), text);

        List<JsonObject> accounts = json.getCollection("accounts");
        assertEquals(List.of("painel", "pwapi"), accounts.stream().map(a -> a.getString("provider")).toList());
        JsonObject painelJson = accounts.get(0);
        assertEquals(painelAccount(), painelJson.getString("account"));
        assertEquals(2, painelJson.getLong("accepted"));
        assertEquals(Map.of("invalid_number", 1L), painelJson.getMap("rejected"));
        assertEquals(Map.of("401", 1L), painelJson.getMap("webhookRefused"));
        assertEquals(2L, painelJson.getMap("open").get("count"));
        JsonObject pwapiJson = accounts.get(1);
        assertEquals(1, pwapiJson.getLong("retries"));
        assertEquals(Map.of("905", 1L), pwapiJson.getMap("providerErrors"));
        List<JsonObject> errors = json.getCollection("lastErrors");
        assertEquals(List.of("webhook refused 401", "provider error 905"),
                errors.stream().map(e -> e.getString("kind") + " " + e.getString("code")).toList());
        JsonObject sandbox = (JsonObject) json.get("sandbox");
        assertEquals(SANDBOX.sandbox().pwapi().requestCount(), ((Map<?, ?>) sandbox.get("requests")).get("pwapi"));

        for (String secret : List.of(PAINEL_LOGIN, PAINEL_PASSWORD, WEBHOOK_SECRET,
                PWAPI_CREDENTIAL, PWAPI_TOKEN, "99999000")) {
            assertFalse(text.contains(secret), secret);
            assertFalse(json.toJson().contains(secret), secret);
        }
    }
}
