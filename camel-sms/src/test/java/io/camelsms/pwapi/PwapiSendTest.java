package io.camelsms.pwapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.camelsms.core.Json;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.TextEncoding;
import io.camelsms.sandbox.PwapiSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PwapiSendTest extends PwapiTestSupport {

    @Test
    void oneMessageIsSentAsTheDocumentedJson() throws Exception {
        SmsMessage message = SmsMessage.to("+55 21 98888-7777")
                .text("MYCOMPANY: My First Message – STOP to CANCEL")
                .externalId("SXRS-34457023485")
                .option("aux_user", "PROJ-56341")
                .build();

        Exchange result = template.request("pwapi:send", e -> e.getMessage().setBody(message));

        assertEquals(null, result.getException());
        JsonNode sent = Json.MAPPER.readTree(pwapi().lastRequests().get(0));
        JsonNode expected = Json.MAPPER.readTree("""
                {"version":"4.00","credential":"SANDBOX-CREDENTIAL","token":"sbx01","function":"SEND_MESSAGE",
                 "principal_user":"",
                 "messages":[{"id_extern":"SXRS-34457023485","aux_user":"PROJ-56341","mobile":"55(21)988887777",
                              "send_project":"N","message":"MYCOMPANY: My First Message – STOP to CANCEL"}]}
                """);
        assertEquals(expected, sent);
        assertEquals(List.of("version", "credential", "token", "function", "principal_user", "messages"),
                iteratorToList(sent.fieldNames()), "field order as in the document");

        SendResult sendResult = result.getMessage().getBody(SendResult.class);
        RecipientResult only = sendResult.recipients().get(0);
        assertTrue(only.accepted());
        assertEquals("55(21)988887777", only.recipient());
        assertEquals("SXRS-34457023485", only.externalId());
        assertEquals(TextEncoding.UCS2, only.encoding(), "the en dash is not in GSM-7");
        assertEquals(1, only.segments());
        assertEquals(1L, result.getMessage().getHeader(SmsHeaders.ACCEPTED_COUNT));
        assertEquals("SXRS-34457023485", result.getMessage().getHeader(SmsHeaders.EXTERNAL_ID));
    }

    @Test
    void manyMessagesGoInOneRequestWithPerMessageFields() throws Exception {
        List<SmsMessage> messages = List.of(
                SmsMessage.to("+5521988887777").text("first").externalId("A-1").build(),
                SmsMessage.to("21966665555").text("second").externalId("A-2")
                        .options(Map.of("aux_user", "PROJ-9", "send_project", "S")).build());

        template.sendBody("pwapi:send?defaultRegion=BR&principalUser=sub-1", messages);

        assertEquals(1, pwapi().requestCount());
        JsonNode sent = Json.MAPPER.readTree(pwapi().lastRequests().get(0));
        assertEquals("sub-1", sent.get("principal_user").asText());
        assertEquals(Json.MAPPER.readTree("""
                [{"id_extern":"A-1","aux_user":"","mobile":"55(21)988887777","send_project":"N","message":"first"},
                 {"id_extern":"A-2","aux_user":"PROJ-9","mobile":"55(21)966665555","send_project":"S","message":"second"}]
                """), sent.get("messages"));
    }

    @Test
    void plainTextBodyTakesTheRecipientFromTheHeaderAndGetsAGeneratedExternalId() {
        Exchange result = template.request("pwapi:send", e -> {
            e.getMessage().setBody("Olá, seu pedido saiu para entrega");
            e.getMessage().setHeader(SmsHeaders.RECIPIENT, "+5511912345678");
        });

        PwapiSimulator.Accepted accepted = pwapi().accepted().get(0);
        assertEquals("55(11)912345678", accepted.mobile());
        String generated = result.getMessage().getHeader(SmsHeaders.EXTERNAL_ID, String.class);
        assertEquals(generated, accepted.idExtern(), "the generated id_extern is returned: it is the only correlation key");
        assertTrue(generated.length() <= 40, generated);
    }

    @Test
    void aYamlStyleListOfMapsIsAccepted() {
        template.sendBody("pwapi:send", List.of(Map.of("recipient", "+5521988887777", "text", "from a map",
                "externalId", "M-1")));

        assertEquals("M-1", pwapi().accepted().get(0).idExtern());
    }

    @Test
    void fortyFiveThousandMessagesGoInThreeRequestsOfTheDocumentedMaximum() {
        pwapi().keepMessages(false);
        List<SmsMessage> messages = new ArrayList<>(45_000);
        for (int i = 0; i < 45_000; i++) {
            messages.add(SmsMessage.to("+55219" + String.format("%08d", 88_000_000 + i)).text("hello " + i).build());
        }

        SendResult result = template.requestBody("pwapi:send", messages, SendResult.class);

        assertEquals(3, pwapi().requestCount());
        assertEquals(45_000, pwapi().acceptedCount());
        assertEquals(45_000, result.acceptedCount());
        assertEquals(0, result.rejectedCount());
        assertEquals(List.of(20_000, 20_000, 5_000), pwapi().lastRequests().stream()
                .map(body -> readMessages(body).size()).toList());
        assertEquals(44_999, result.recipients().get(44_999).index());
    }

    @Test
    void batchSizeBelowTheMaximumSplitsSooner() {
        List<SmsMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(SmsMessage.to("+552198888777" + i).text("m" + i).build());
        }
        template.sendBody("pwapi:send?batchSize=2", messages);
        assertEquals(3, pwapi().requestCount());
        assertEquals(5, pwapi().acceptedCount());
    }

    private static JsonNode readMessages(String body) {
        try {
            return Json.MAPPER.readTree(body).get("messages");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> iteratorToList(java.util.Iterator<String> it) {
        List<String> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
