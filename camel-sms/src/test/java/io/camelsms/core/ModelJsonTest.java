package io.camelsms.core;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ModelJsonTest {

    @Test
    void messagesRoundTripThroughJson() throws Exception {
        SmsMessage message = SmsMessage.to("+5521988887777").text("hi <+B+>").sender("ACME").externalId("e-1")
                .name("Ana").field1("f1").scheduleAt(OffsetDateTime.parse("2026-12-01T10:00:00-03:00"))
                .validity(Duration.ofHours(4)).option("aux_user", "X").build();

        String json = Json.MAPPER.writeValueAsString(message);

        assertEquals(message, Json.MAPPER.readValue(json, SmsMessage.class));
        assertEquals("2026-12-01T10:00:00-03:00", Json.MAPPER.readTree(json).get("scheduleAt").asText());
    }

    @Test
    void reportsCarryAStableEventIdThatSurvivesJson() throws Exception {
        DeliveryReport report = new DeliveryReport("smsclouds", "m-1", "c-9", "+5215512345678", "e-1",
                DeliveryStatus.DELIVERED, "sent", Instant.parse("2026-11-22T10:00:00Z"), null);
        DeliveryReport samePolledAgain = new DeliveryReport("smsclouds", "m-1", "c-9", "+5215512345678", null,
                DeliveryStatus.DELIVERED, "sent", Instant.parse("2026-11-22T10:00:05Z"), "carrier X");
        DeliveryReport nextChange = new DeliveryReport("smsclouds", "m-1", "c-9", "+5215512345678", "e-1",
                DeliveryStatus.FAILED, "failed", null, null);

        assertEquals(report.eventId(), samePolledAgain.eventId());
        assertNotEquals(report.eventId(), nextChange.eventId());

        JsonNode json = Json.MAPPER.valueToTree(report);
        assertEquals(report.eventId(), json.get("eventId").asText());
        assertFalse(json.has("phone"), "phone() is the SmsEvent view of recipient, not another field");
        assertEquals(report, Json.MAPPER.treeToValue(json, DeliveryReport.class));
    }

    @Test
    void sendResultsAndRepliesSerialise() throws Exception {
        SmsText text = SmsText.of("hello");
        SendResult result = new SendResult("pwapi", List.of("b-1"), List.of(
                RecipientResult.accepted(0, "55(21)988887777", "e-1", null, "b-1", text),
                RecipientResult.rejected(1, "x", "e-2", "message[1].mobile: bad", text)), Map.of("balance", 10));
        JsonNode json = Json.MAPPER.valueToTree(result);
        assertEquals(1, json.get("acceptedCount").asInt());
        assertEquals(1, json.get("rejectedCount").asInt());
        assertEquals(result, Json.MAPPER.treeToValue(json, SendResult.class));

        InboundMessage reply = new InboundMessage("painel", null, "123", "+5521988887777", "SIM", null,
                Instant.parse("2026-11-22T10:00:00Z"), "e-1");
        assertEquals(reply, Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(reply), InboundMessage.class));
        assertEquals(32, reply.eventId().length());
    }
}
