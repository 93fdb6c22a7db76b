package io.camelsms.smsclouds;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.Json;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.smsclouds.model.EmailCampaign;
import io.camelsms.smsclouds.model.EmailCampaignResponse;
import io.camelsms.smsclouds.model.EmailRecipient;
import io.camelsms.smsclouds.model.ResponsesRequest;
import io.camelsms.smsclouds.model.SmscloudsCountry;
import io.camelsms.smsclouds.model.SmscloudsRoute;
import io.camelsms.smsclouds.model.SmscloudsUser;
import io.camelsms.smsclouds.model.VoiceCampaign;
import io.camelsms.smsclouds.model.VoiceCampaignResponse;
import io.camelsms.smsclouds.model.VoiceCancelResponse;
import io.camelsms.smsclouds.model.VoiceMessageStatus;
import io.camelsms.smsclouds.model.VoiceRecipient;
import io.camelsms.smsclouds.model.VoiceStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmscloudsOperationsTest extends SmscloudsTestSupport {

    private String sendThree() {
        SendResult result = template.requestBody("smsclouds:send?route=87&campaignName=status test", List.of(
                SmsMessage.to("4498987281").text("hola").build(), SmsMessage.to("4498987282").text("hola").build(),
                SmsMessage.to("4498987283").text("hola").build()), SendResult.class);
        return result.batchIds().get(0);
    }

    private CampaignStatusResult status(String campaign) {
        Exchange exchange = template.request("smsclouds:campaignStatus",
                e -> e.getMessage().setHeader(SmsHeaders.CAMPAIGN_ID, campaign));
        assertNull(exchange.getException());
        assertEquals(exchange.getMessage().getBody(CampaignStatusResult.class).campaign().campaignStatus(),
                exchange.getMessage().getHeader(SmscloudsConstants.CAMPAIGN_STATUS));
        return exchange.getMessage().getBody(CampaignStatusResult.class);
    }

    @Test
    void campaignStatusFollowsTheCampaignLifeAndNormalisesEachMessage() {
        SANDBOX.sandbox().clock().freeze();
        smsclouds().failNumber("4498987283");
        String campaign = sendThree();

        CampaignStatusResult inserting = status(campaign);
        assertEquals("GET", smsclouds().requests().get(1).method());
        assertEquals("/api/v3/campaign/" + campaign + "/messages", smsclouds().requests().get(1).path());
        assertEquals("inserting", inserting.campaign().campaignStatus());
        assertEquals(0, inserting.campaign().percentage());
        assertEquals(List.of(), inserting.reports());

        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR.dividedBy(2)));
        CampaignStatusResult half = status(campaign);
        assertEquals("inserted", half.campaign().campaignStatus());
        assertEquals(33, half.campaign().percentage());
        assertEquals(List.of(DeliveryStatus.SENT, DeliveryStatus.QUEUED, DeliveryStatus.QUEUED),
                half.reports().stream().map(DeliveryReport::status).toList());
        assertEquals(List.of("sent", "in progress", "in progress"),
                half.reports().stream().map(DeliveryReport::rawStatus).toList());

        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.SENDING_FOR);
        CampaignStatusResult done = status(campaign);
        assertEquals(100, done.campaign().percentage());
        assertTrue(done.campaign().complete());
        assertEquals(List.of(DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.FAILED),
                done.reports().stream().map(DeliveryReport::status).toList());
        DeliveryReport first = done.reports().get(0);
        assertEquals("smsclouds", first.provider());
        assertEquals(campaign, first.campaignId());
        assertEquals("4498987281", first.recipient());
        assertEquals(String.valueOf(done.campaign().data().get(0).id()), first.providerMessageId());
        assertNotNull(first.statusAt(), "sent_date read in the provider's time zone");
    }

    @Test
    void responsesByCampaignAndByDateBecomeInboundMessages() throws Exception {
        String campaign = sendThree();
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(2));
        smsclouds().mo("4498987282", "Si, me interesa");

        @SuppressWarnings("unchecked")
        List<InboundMessage> byCampaign = template.requestBodyAndHeader("smsclouds:responses", null,
                SmsHeaders.CAMPAIGN_ID, campaign, List.class);
        assertEquals(Json.MAPPER.readTree("{\"type\":4,\"campaigns\":[" + campaign + "]}"),
                requestsTo("/api/v3/responses").get(0).json());
        InboundMessage mo = byCampaign.get(0);
        assertEquals("Si, me interesa", mo.text());
        assertEquals("4498987282", mo.from());
        assertEquals(campaign, mo.campaignId());
        assertEquals(String.valueOf(smsclouds().mos().get(0).messageId()), mo.providerMessageId());
        assertEquals(smsclouds().mos().get(0).receivedAt().getEpochSecond(), mo.receivedAt().getEpochSecond());

        @SuppressWarnings("unchecked")
        List<InboundMessage> byDate = template.requestBody("smsclouds:responses",
                ResponsesRequest.byDate("2020-05-01 00:00:00", null), List.class);
        assertEquals(Json.MAPPER.readTree("{\"type\":1,\"from\":\"2020-05-01 00:00:00\"}"),
                requestsTo("/api/v3/responses").get(1).json());
        assertEquals(List.of(mo), byDate);

        @SuppressWarnings("unchecked")
        List<InboundMessage> byCellphone = template.requestBodyAndHeader("smsclouds:responses", null,
                SmsHeaders.RECIPIENT, "+52 449 898 7281", List.class);
        assertEquals("4498987281", requestsTo("/api/v3/responses").get(2).json().get("cellphone").asText());
        assertEquals(List.of(), byCellphone);
    }

    @Test
    void aReplyFoundByCellphoneComesFromThatCellphoneEvenWhenTheResultDoesNotRepeatIt() throws Exception {
        String campaign = sendThree();
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(2));
        smsclouds().documentedResults(true).mo("4498987282", "Si");

        @SuppressWarnings("unchecked")
        List<InboundMessage> replies = template.requestBodyAndHeader("smsclouds:responses", null,
                SmsHeaders.RECIPIENT, "+52 449 898 7282", List.class);

        SmsCloudsSimulator.Request sent = requestsTo("/api/v3/responses").get(0);
        assertEquals("POST", sent.method());
        assertEquals("application/json", sent.contentType());
        assertEquals(Json.MAPPER.readTree("{\"type\":3,\"cellphone\":\"4498987282\"}"), sent.json());
        assertEquals(1, replies.size());
        assertEquals("4498987282", replies.get(0).from());
        assertEquals("Si", replies.get(0).text());
        assertEquals(campaign, replies.get(0).campaignId());

        @SuppressWarnings("unchecked")
        List<InboundMessage> byCampaign = template.requestBodyAndHeader("smsclouds:responses", null,
                SmsHeaders.CAMPAIGN_ID, campaign, List.class);
        assertNull(byCampaign.get(0).from(), "a query by campaign names no sender: none is made up");
    }

    @Test
    void everyGetCarriesTheThreeHeadersTheDocumentLists() {
        String campaign = sendThree();
        template.requestBody("smsclouds:user", (Object) null);
        template.requestBody("smsclouds:routes", (Object) null);
        template.requestBodyAndHeader("smsclouds:campaignStatus", null, SmsHeaders.CAMPAIGN_ID, campaign);
        template.requestBodyAndHeader("smsclouds:hlr", null, SmsHeaders.RECIPIENT, "4498987282");

        List<SmsCloudsSimulator.Request> gets = smsclouds().requests().stream()
                .filter(r -> r.method().equals("GET")).toList();
        assertEquals(List.of("/api/v1/user", "/api/v3/user/routes", "/api/v3/campaign/" + campaign + "/messages",
                "/api/v3/hlr/4498987282"), gets.stream().map(SmsCloudsSimulator.Request::path).toList());
        for (SmsCloudsSimulator.Request get : gets) {
            assertEquals("Bearer " + SmsCloudsSimulator.DEFAULT_TOKEN, get.authorization(), get.path());
            assertEquals("application/json", get.contentType(), get.path());
            assertEquals("application/json", get.accept(), get.path());
            assertEquals("", get.body(), get.path());
        }
    }

    @Test
    void theResponsesPathFieldAndIdTypeTheDocumentSpellsTwoWaysCanBeChanged() throws Exception {
        sendThree();
        SANDBOX.sandbox().clock().advance(Duration.ofMinutes(2));
        smsclouds().mo("4498987283", "No");
        long messageId = smsclouds().mos().get(0).messageId();

        @SuppressWarnings("unchecked")
        List<InboundMessage> replies = template.requestBody("smsclouds:responses?responsesPath=/api/v3/response"
                + "&responsesMessagesField=message&idsAsStrings=true", ResponsesRequest.byMessages(List.of(messageId)),
                List.class);

        SmsCloudsSimulator.Request sent = smsclouds().requests().get(smsclouds().requests().size() - 1);
        assertEquals("POST", sent.method());
        assertEquals("/api/v3/response", sent.path());
        assertEquals(Json.MAPPER.readTree("{\"type\":\"2\",\"message\":[\"" + messageId + "\"]}"), sent.json());
        assertEquals(List.of("No"), replies.stream().map(InboundMessage::text).toList());

        template.requestBody("smsclouds:responses", ResponsesRequest.byMessages(List.of(messageId)), List.class);
        assertEquals(Json.MAPPER.readTree("{\"type\":2,\"messages\":[" + messageId + "]}"),
                requestsTo("/api/v3/responses").get(0).json(), "the defaults: the prose's name, the table's integers");
    }

    @Test
    void theSmsClicPathCanBeSetToAnotherOfTheDocumentsSpellings() throws Exception {
        template.sendBodyAndHeader("smsclouds:sendClic?route=85&url=4&smsClicPath=/api/v3/smsclc/campaign",
                "Clic aqui <+DYNAMICSHORTURL_IVX4+>", SmsHeaders.RECIPIENT, "4498987281");

        SmsCloudsSimulator.Request sent = smsclouds().requests().get(0);
        assertEquals("POST", sent.method());
        assertEquals("/api/v3/smsclc/campaign", sent.path());
        assertEquals(Json.MAPPER.readTree("""
                {"text":"Clic aqui <+DYNAMICSHORTURL_IVX4+>","recipients":[{"cellphone":"4498987281"}],"route":85,
                 "encode":false,"long_message":false,"url":"4"}
                """), sent.json());
        assertEquals(1, smsclouds().campaigns().size());
    }

    @Test
    void userAcceptsTheDataWrappedAndTheFlatShape() {
        SmscloudsUser wrapped = template.requestBody("smsclouds:user", null, SmscloudsUser.class);
        assertEquals("GET", smsclouds().requests().get(0).method());
        assertEquals("/api/v1/user", smsclouds().requests().get(0).path());
        assertEquals(SmsCloudsSimulator.USER, wrapped.login());
        assertEquals("User Found", wrapped.information());
        assertEquals(SmsCloudsSimulator.DEFAULT_BALANCE, wrapped.credit(), 0.001);
        assertEquals(1, wrapped.apiSettings().size());

        smsclouds().flatUser(true);
        SmscloudsUser flat = template.requestBody("smsclouds:user", null, SmscloudsUser.class);
        assertEquals(SmsCloudsSimulator.USER, flat.login());
        assertEquals("Completado Correctamente", flat.message());
        assertEquals("camel-sms", flat.company());
        assertEquals(SmsCloudsSimulator.DEFAULT_BALANCE, flat.credit(), 0.001);
    }

    @Test
    void routesAndCountriesAreTyped() {
        @SuppressWarnings("unchecked")
        List<SmscloudsRoute> routes = template.requestBody("smsclouds:routes", null, List.class);
        assertEquals("/api/v3/user/routes", smsclouds().requests().get(0).path());
        assertEquals(new SmscloudsRoute(87, "Premium 2 Masiva", "Mexico", 0.2, "74342"), routes.get(0));

        @SuppressWarnings("unchecked")
        List<SmscloudsCountry> countries = template.requestBody("smsclouds:countries", null, List.class);
        assertEquals("/api/v3/user/countries", smsclouds().requests().get(1).path());
        assertEquals(List.of(new SmscloudsCountry(1, "Mexico"), new SmscloudsCountry(2, "USA")), countries);
    }

    @Test
    void emailIsPostedAsDocumented() throws Exception {
        EmailCampaign email = new EmailCampaign("Hola mi nombre es <+B+> y tengo un id <+C+>,", "importante",
                List.of(new EmailRecipient("jose@max4technologies.com", "Jack", "52452245", null, null, null)),
                null, null, null, null, null, null);

        Exchange result = template.request("smsclouds:email", e -> e.getMessage().setBody(email));

        SmsCloudsSimulator.Request sent = requestsTo("/api/v1/email").get(0);
        assertEquals(Json.MAPPER.readTree("""
                {"body":"Hola mi nombre es <+B+> y tengo un id <+C+>,","subject":"importante",
                 "recipients":[{"email":"jose@max4technologies.com","name":"Jack","field1":"52452245"}]}
                """), sent.json());
        EmailCampaignResponse response = result.getMessage().getBody(EmailCampaignResponse.class);
        assertEquals("New Email Campaign created successfully", response.message());
        assertEquals(String.valueOf(response.emailCampaignId()), result.getMessage().getHeader(SmsHeaders.CAMPAIGN_ID));
    }

    @Test
    void voiceCampaignStatusAndCancel() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        VoiceCampaign voice = new VoiceCampaign(2, null, "hola, como estas <+B+> ?", "test api audio",
                List.of(new VoiceRecipient("4498752325", "Jack", "52452245", null, null, null)), "5570055780",
                null, null, null);

        VoiceCampaignResponse created = template.requestBody("smsclouds:voice", voice, VoiceCampaignResponse.class);
        assertEquals(Json.MAPPER.readTree("""
                {"type":2,"text":"hola, como estas <+B+> ?","campaign_name":"test api audio",
                 "recipients":[{"cellphone":"4498752325","name":"Jack","field1":"52452245"}],"remittent":"5570055780"}
                """), requestsTo("/api/v3/voice").get(0).json());
        assertEquals("TO_SEND", created.status());
        String id = String.valueOf(created.voiceCampaign());

        VoiceStatus queued = template.requestBody("smsclouds:voiceStatus", id, VoiceStatus.class);
        assertEquals("/api/v3/voice/" + id, smsclouds().requests().get(1).path());
        assertEquals(VoiceMessageStatus.QUEUED, queued.voiceMessages().get(0).status());

        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.VOICE_QUEUED_FOR.plus(SmsCloudsSimulator.VOICE_CALLING_FOR));
        VoiceStatus done = template.requestBody("smsclouds:voiceStatus", id, VoiceStatus.class);
        assertEquals("COMPLETED", done.status());
        assertEquals(DeliveryStatus.DELIVERED, done.voiceMessages().get(0).deliveryStatus());
        SmscloudsException tooLate = failure(SmscloudsException.class, "smsclouds:voiceCancel", id);
        assertEquals(422, tooLate.getHttpStatus());

        String second = String.valueOf(template.requestBody("smsclouds:voice", voice, VoiceCampaignResponse.class)
                .voiceCampaign());
        VoiceCancelResponse cancelled = template.requestBodyAndHeader("smsclouds:voiceCancel", null,
                SmsHeaders.CAMPAIGN_ID, second, VoiceCancelResponse.class);
        SmsCloudsSimulator.Request cancel = requestsTo("/api/v3/voice/" + second + "/cancel").get(0);
        assertEquals("POST", cancel.method());
        assertEquals("CANCELLED", cancelled.status());
        assertEquals(VoiceMessageStatus.FAIL_OR_CANCEL, template.requestBody("smsclouds:voiceStatus", second,
                VoiceStatus.class).voiceMessages().get(0).status());
    }

    @Test
    void hlrSendsTheTenDigitNumberAndKeepsTheReplyAsATree() {
        JsonNode hlr = template.requestBody("smsclouds:hlr", "+52 449 898 7282", JsonNode.class);
        assertEquals("/api/v3/hlr/4498987282", smsclouds().requests().get(0).path());
        assertEquals("GET", smsclouds().requests().get(0).method());
        assertEquals("4498987282", hlr.get("number").asText());
        assertEquals("active", hlr.get("status").asText());
    }
}
