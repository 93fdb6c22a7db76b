package io.camelsms.smsclouds;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.camelsms.core.Json;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.TextEncoding;
import io.camelsms.sandbox.SmsCloudsSimulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmscloudsSendTest extends SmscloudsTestSupport {

    @Test
    void aSendIsTheDocumentedCampaignRequestWithBlankCombinationFieldsFilled() throws Exception {
        List<SmsMessage> messages = List.of(
                SmsMessage.to("449 898 7282").text("Hola <+B+>, tu id es <+C+>").name("Jack").field1("52452245")
                        .externalId("c-1").build(),
                SmsMessage.to("+52 449 898 7283").text("Hola <+B+>, tu id es <+C+>").externalId("c-2").build());

        Exchange result = template.request("smsclouds:send?route=87&country=1&campaignName=my campaign",
                e -> e.getMessage().setBody(messages));

        assertNull(result.getException());
        SmsCloudsSimulator.Request sent = requestsTo("/api/v3/campaign").get(0);
        assertEquals("POST", sent.method());
        assertEquals("Bearer " + SmsCloudsSimulator.DEFAULT_TOKEN, sent.authorization());
        assertEquals("application/json", sent.contentType());
        assertEquals("application/json", sent.accept());
        assertEquals(Json.MAPPER.readTree("""
                {"text":"Hola <+B+>, tu id es <+C+>",
                 "recipients":[{"cellphone":"4498987282","name":"Jack","field1":"52452245"},
                               {"cellphone":"4498987283","name":"","field1":""}],
                 "campaign_name":"my campaign","route":87,"country":1,"encode":false,"long_message":false}
                """), sent.json());

        SendResult sendResult = result.getMessage().getBody(SendResult.class);
        long campaign = smsclouds().campaigns().get(0).id();
        assertEquals(List.of(String.valueOf(campaign)), sendResult.batchIds());
        assertEquals(String.valueOf(campaign), result.getMessage().getHeader(SmsHeaders.CAMPAIGN_ID));
        assertEquals(2, sendResult.details().get("recipientsCount"));
        assertEquals(smsclouds().balance(), (Double) sendResult.details().get("balance"), 0.0001);
        assertEquals(smsclouds().balance(), result.getMessage().getHeader(SmscloudsConstants.BALANCE, Double.class),
                0.0001);
        RecipientResult first = sendResult.recipients().get(0);
        assertTrue(first.accepted());
        assertEquals("4498987282", first.recipient());
        assertEquals("c-1", first.externalId());
        assertEquals(String.valueOf(campaign), first.batchId());
        assertEquals("Hola Jack, tu id es 52452245", smsclouds().campaigns().get(0).messages().get(0).text());
    }

    @Test
    void headersWinOverOptionsAndAMessageScheduleWinsOverBoth() throws Exception {
        template.send("smsclouds:send?country=1&campaignName=from-option&scheduledDate=2030-01-01 10:00:00", e -> {
            e.getMessage().setBody("Recordatorio");
            e.getMessage().setHeader(SmsHeaders.RECIPIENT, "4498987282");
            e.getMessage().setHeader(SmscloudsConstants.ROUTE, 85);
            e.getMessage().setHeader(SmscloudsConstants.CAMPAIGN_NAME, "from-header");
            e.getMessage().setHeader(SmscloudsConstants.SCHEDULED_DATE, "2030-02-02 09:30:00");
        });
        JsonNode sent = requestsTo("/api/v3/campaign").get(0).json();
        assertEquals(85, sent.get("route").asInt());
        assertEquals("from-header", sent.get("campaign_name").asText());
        assertEquals("2030-02-02 09:30:00", sent.get("scheduled_date").asText());

        template.sendBody("smsclouds:send?route=87&timeZone=America/Mexico_City",
                SmsMessage.to("4498987282").text("later")
                        .scheduleAt(OffsetDateTime.of(2030, 3, 3, 18, 0, 0, 0, ZoneOffset.UTC)).build());
        assertEquals("2030-03-03 12:00:00", requestsTo("/api/v3/campaign").get(1).json().get("scheduled_date").asText(),
                "written in the provider's time zone");
    }

    @Test
    void messagesWithDifferentTextsGoInSeparateCampaigns() {
        List<SmsMessage> messages = List.of(
                SmsMessage.to("4498987281").text("A").build(), SmsMessage.to("4498987282").text("B").build(),
                SmsMessage.to("4498987283").text("A").build());

        SendResult result = template.requestBody("smsclouds:send?route=87", messages, SendResult.class);

        List<SmsCloudsSimulator.Campaign> campaigns = smsclouds().campaigns();
        assertEquals(List.of("A", "B"), campaigns.stream().map(SmsCloudsSimulator.Campaign::text).toList());
        assertEquals(List.of(2, 1), campaigns.stream().map(c -> c.messages().size()).toList());
        assertEquals(List.of(String.valueOf(campaigns.get(0).id()), String.valueOf(campaigns.get(1).id())),
                result.batchIds());
        assertEquals(String.valueOf(campaigns.get(0).id()), result.recipients().get(2).batchId());
        assertEquals(String.valueOf(campaigns.get(1).id()), result.recipients().get(1).batchId());
    }

    @Test
    void seventyThousandRecipientsGoAsThreeCampaignsOfThirtyThirtyAndTenThousand() {
        List<SmsMessage> messages = new ArrayList<>(70_000);
        for (int i = 0; i < 70_000; i++) {
            messages.add(SmsMessage.to("55" + String.format("%08d", 10_000_000 + i)).text("Oferta").build());
        }

        Exchange result = template.request("smsclouds:send?route=87", e -> e.getMessage().setBody(messages));

        List<SmsCloudsSimulator.Campaign> campaigns = smsclouds().campaigns();
        assertEquals(List.of(30_000, 30_000, 10_000), campaigns.stream().map(c -> c.messages().size()).toList());
        SendResult sendResult = result.getMessage().getBody(SendResult.class);
        assertEquals(campaigns.stream().map(c -> String.valueOf(c.id())).toList(), sendResult.batchIds());
        assertEquals(sendResult.batchIds(), result.getMessage().getHeader(SmsHeaders.BATCH_IDS));
        assertEquals(70_000, sendResult.acceptedCount());
        assertEquals(0, sendResult.rejectedCount());
        assertEquals(70_000, sendResult.details().get("recipientsCount"));
        assertEquals(String.valueOf(campaigns.get(2).id()), sendResult.recipients().get(69_999).batchId());
    }

    @Test
    void sendClicPostsToItsPathWithTheUrlId() throws Exception {
        template.sendBodyAndHeader("smsclouds:sendClic?route=85&country=1&url=4&campaignName=sms clic test",
                "Para mayores informes dar clic aqui <+DYNAMICSHORTURL_IVX4+> .", SmsHeaders.RECIPIENT, "4498987281");

        SmsCloudsSimulator.Request sent = requestsTo("/api/v3/smsclic/campaign").get(0);
        assertEquals(Json.MAPPER.readTree("""
                {"text":"Para mayores informes dar clic aqui <+DYNAMICSHORTURL_IVX4+> .",
                 "recipients":[{"cellphone":"4498987281"}],"campaign_name":"sms clic test","route":85,"country":1,
                 "encode":false,"long_message":false,"url":"4"}
                """), sent.json());
        assertEquals("4", smsclouds().campaigns().get(0).url());
    }

    @ParameterizedTest(name = "{0}: {1} {2} segments")
    @CsvSource(delimiter = '|', value = {
        "Hola, nos vemos a las 10:00 (sala 3)!|\"encode\":false,\"long_message\":false|1|GSM7",
        "Nos vemos mañana|\"encode\":true,\"long_message\":false|1|UCS2",
        "¿Vienes?|\"encode\":true,\"long_message\":false|1|UCS2",
        "Precio: 5 € [oferta]|\"encode\":true,\"long_message\":false|1|UCS2",
    })
    void theEncodeFlagIsChosenFromTheText(String text, String flags, int segments, TextEncoding encoding)
            throws Exception {
        SendResult result = template.requestBodyAndHeader("smsclouds:send?route=87", text, SmsHeaders.RECIPIENT,
                "4498987281", SendResult.class);

        SmsCloudsSimulator.Request sent = requestsTo("/api/v3/campaign").get(0);
        assertEquals("POST", sent.method());
        assertEquals(Json.MAPPER.readTree("{\"text\":" + Json.MAPPER.writeValueAsString(text)
                + ",\"recipients\":[{\"cellphone\":\"4498987281\"}],\"route\":87," + flags + "}"), sent.json());
        assertEquals(segments, result.recipients().get(0).segments());
        assertEquals(encoding, result.recipients().get(0).encoding());
        assertEquals(1, smsclouds().campaigns().size());
    }

    @ParameterizedTest(name = "{0} x {1}: {2}")
    @CsvSource({
        "encoding=auto, a, 160, '\"encode\":false,\"long_message\":false', 1",
        "encoding=auto, a, 161, '\"encode\":false,\"long_message\":true', 2",
        "encoding=auto, a, 306, '\"encode\":false,\"long_message\":true', 2",
        "encoding=auto, ñ, 70, '\"encode\":true,\"long_message\":false', 1",
        "encoding=auto, ñ, 71, '\"encode\":false,\"encode_2\":true,\"long_message\":false', 2",
        "encoding=auto, ñ, 128, '\"encode\":false,\"encode_2\":true,\"long_message\":false', 2",
        "encoding=auto, ñ, 129, '\"encode\":false,\"encode_3\":true,\"long_message\":false', 3",
        "encoding=auto, ñ, 192, '\"encode\":false,\"encode_3\":true,\"long_message\":false', 3",
        "encoding=gsm, a, 200, '\"encode\":false,\"long_message\":true', 2",
        "encoding=unicode, a, 20, '\"encode\":true,\"long_message\":false', 1",
    })
    void theLengthPicksTheSmallestFlagThatCarriesTheText(String options, String letter, int length, String flags,
                                                         int segments) throws Exception {
        String text = letter.repeat(length);
        SendResult result = template.requestBodyAndHeader("smsclouds:send?route=87&" + options, text,
                SmsHeaders.RECIPIENT, "4498987281", SendResult.class);

        assertEquals(Json.MAPPER.readTree("{\"text\":\"" + text + "\",\"recipients\":[{\"cellphone\":\"4498987281\"}],"
                + "\"route\":87," + flags + "}"), requestsTo("/api/v3/campaign").get(0).json());
        assertEquals(segments, result.recipients().get(0).segments());
        assertEquals(1, smsclouds().campaigns().size(), "the sandbox took it");
    }

    @Test
    void twoTextsWithDifferentNeedsGoAsTwoCampaignsEachWithItsFlags() throws Exception {
        template.sendBody("smsclouds:send?route=87", List.of(SmsMessage.to("4498987281").text("manana").build(),
                SmsMessage.to("4498987282").text("mañana").build()));

        List<SmsCloudsSimulator.Request> sent = requestsTo("/api/v3/campaign");
        assertEquals(2, sent.size());
        assertEquals(false, sent.get(0).json().get("encode").asBoolean());
        assertEquals(true, sent.get(1).json().get("encode").asBoolean());
    }

    @Test
    void anAccentInACombinationFieldNeedsEncodeTooAndSplitsTheCampaignByFlags() throws Exception {
        SendResult result = template.requestBody("smsclouds:send?route=87", List.of(
                SmsMessage.to("4498987281").text("Hola <+B+>").name("Jose").build(),
                SmsMessage.to("4498987282").text("Hola <+B+>").name("José").build(),
                SmsMessage.to("4498987283").text("Hola <+B+>").name("Ana").build()), SendResult.class);

        List<SmsCloudsSimulator.Request> sent = requestsTo("/api/v3/campaign");
        assertEquals(2, sent.size(), "one campaign per set of flags");
        assertEquals(Json.MAPPER.readTree("""
                {"text":"Hola <+B+>","recipients":[{"cellphone":"4498987281","name":"Jose"},
                 {"cellphone":"4498987283","name":"Ana"}],"route":87,"encode":false,"long_message":false}
                """), sent.get(0).json());
        assertEquals(Json.MAPPER.readTree("""
                {"text":"Hola <+B+>","recipients":[{"cellphone":"4498987282","name":"José"}],"route":87,
                 "encode":true,"long_message":false}
                """), sent.get(1).json());
        assertEquals(List.of(TextEncoding.GSM7, TextEncoding.UCS2, TextEncoding.GSM7),
                result.recipients().stream().map(RecipientResult::encoding).toList());
        assertEquals("Hola José", smsclouds().campaigns().get(1).messages().get(0).text());
    }

    @Test
    void aTextLongerOnceFilledInIsCheckedAtTheLengthTheHandsetReceives() throws Exception {
        String text = "x".repeat(150) + " <+B+>";
        template.sendBody("smsclouds:send?route=87",
                SmsMessage.to("4498987281").text(text).name("Maximiliano").build());

        assertEquals(Json.MAPPER.readTree("{\"text\":\"" + text + "\",\"recipients\":[{\"cellphone\":\"4498987281\","
                + "\"name\":\"Maximiliano\"}],\"route\":87,\"encode\":false,\"long_message\":true}"),
                requestsTo("/api/v3/campaign").get(0).json(), "156 as sent, 162 as received: long_message");
    }

    @Test
    void aYamlStyleListOfMapsIsAccepted() {
        template.sendBody("smsclouds:send?route=87", List.of(Map.of("recipient", "4498987281", "text", "from a map",
                "name", "Ana")));
        assertEquals("Ana", requestsTo("/api/v3/campaign").get(0).json().at("/recipients/0/name").asText());
    }
}
