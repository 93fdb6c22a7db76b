package io.camelsms.smsclouds;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsValidationException;
import io.camelsms.core.Violation;
import io.camelsms.smsclouds.model.EmailCampaign;
import io.camelsms.smsclouds.model.EmailRecipient;
import io.camelsms.smsclouds.model.VoiceCampaign;
import io.camelsms.smsclouds.model.VoiceRecipient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmscloudsValidationTest extends SmscloudsTestSupport {

    @ParameterizedTest(name = "{0}: {1} x {2}")
    @CsvSource(delimiter = '|', value = {
        "encoding=auto|x|306|307 characters, at most 306 (long_message)",
        "encoding=auto|é|192|193 characters with accents or special characters ('é' at 1), at most 192 (encode_3)",
        "encoding=unicode|x|192|193 characters (encoding=unicode), at most 192 (encode_3)",
    })
    void aTextNoFlagCanCarryIsRejectedNamingTheLimit(String options, String letter, int limit, String reason) {
        template.sendBodyAndHeader("smsclouds:send?route=87&" + options, letter.repeat(limit), SmsHeaders.RECIPIENT,
                "4498987281");
        assertEquals(1, smsclouds().campaigns().size(), "the limit itself is accepted");

        SmsValidationException e = validationFailure("smsclouds:send?route=87&" + options,
                SmsMessage.to("4498987281").text(letter.repeat(limit + 1)).build());

        assertEquals(List.of(new Violation(0, "text", reason)), e.getViolations());
        assertEquals(1, smsclouds().requestCount(), "the over-long text never left");
    }

    @Test
    void withEncodingGsmATextWithAccentsIsRejectedInsteadOfEncoded() {
        SmsValidationException e = validationFailure("smsclouds:send?route=87&encoding=gsm",
                SmsMessage.to("4498987281").text("Nos vemos mañana").build());

        assertEquals(List.of(new Violation(0, "text", "has accents or special characters ('ñ' at 13), which need"
                + " encode; encoding=gsm sends none")), e.getViolations());
        assertEquals(0, smsclouds().requestCount());
    }

    @Test
    void anEmptyTextAndABadNumberAreRejectedPerMessageAndTheRestIsSent() {
        List<SmsMessage> messages = List.of(SmsMessage.to("4498987281").text("ok").build(),
                SmsMessage.to("4498987282").text("").build(), SmsMessage.to("12").text("ok").build());

        SendResult result = template.requestBody("smsclouds:send?route=87", messages, SendResult.class);

        assertEquals(List.of(true, false, false), result.recipients().stream().map(r -> r.accepted()).toList());
        assertEquals("message[1].text: is required", result.recipients().get(1).reason());
        assertTrue(result.recipients().get(2).reason().startsWith("message[2].cellphone: '12'"),
                result.recipients().get(2).reason());
        assertEquals(1, smsclouds().recipientsAccepted());
    }

    @Test
    void routeOrCountryIsRequiredAndSmsClicNeedsRouteUrlAndTheLinkPlaceholder() {
        SmsMessage hi = SmsMessage.to("4498987281").text("hi").build();
        SmsValidationException noRoute = validationFailure("smsclouds:send", hi);
        assertEquals("route", noRoute.getViolations().get(0).field());

        template.sendBody("smsclouds:send?country=1", hi);
        assertEquals(1, smsclouds().campaigns().size(), "country alone is enough for send");

        SmsValidationException clic = validationFailure("smsclouds:sendClic?country=1", hi);
        assertEquals(List.of("route", "url"), clic.getViolations().stream().map(Violation::field).toList());

        SmsValidationException noLink = validationFailure("smsclouds:sendClic?route=85&url=4", hi);
        assertTrue(noLink.getViolations().get(0).problem().contains("<+DYNAMICSHORTURL_"),
                noLink.getViolations().get(0).problem());
        assertEquals(1, smsclouds().requestCount());
    }

    @Test
    void aScheduledDateMustBeTheDocumentedFormat() {
        SmsValidationException e = validationFailure("smsclouds:send?route=87&scheduledDate=2030-01-01T10:00",
                SmsMessage.to("4498987281").text("hi").build());
        assertEquals("scheduled_date", e.getViolations().get(0).field());
        assertEquals(0, smsclouds().requestCount());
    }

    @Test
    void batchSizeAboveFiftyThousandIsRefusedAtStart() {
        Exception big = assertThrows(Exception.class,
                () -> template.sendBody("smsclouds:send?route=87&batchSize=50001", "x"));
        assertTrue(rootMessage(big).contains("batchSize must be 1..50000"), rootMessage(big));
    }

    @Test
    void emailRequiredFieldsDependOnTheTemplate() {
        EmailCampaign noBody = new EmailCampaign(null, "Hola", List.of(EmailRecipient.of("a@b.mx")), null, null, 2,
                null, null, null);
        assertEquals(List.of("body"), fields(validationFailure("smsclouds:email", noBody)));

        EmailCampaign imageOnly = new EmailCampaign(null, "Hola", List.of(EmailRecipient.of("a@b.mx")), null, null,
                3, null, null, null);
        assertEquals(List.of("image"), fields(validationFailure("smsclouds:email", imageOnly)));

        EmailCampaign badTemplate = new EmailCampaign("b", "s", List.of(new EmailRecipient(null, "x", null, null,
                null, null)), null, null, 5, null, null, null);
        assertEquals(List.of("template", "recipients.0.email"), fields(validationFailure("smsclouds:email",
                badTemplate)));
        assertEquals(0, smsclouds().requestCount());
    }

    @Test
    void voiceRulesAreCheckedBeforeSending() {
        VoiceCampaign audioWithoutId = new VoiceCampaign(1, null, null, "c", List.of(VoiceRecipient.of("4498987281")),
                "5570055780", null, null, null);
        assertEquals(List.of("audio"), fields(validationFailure("smsclouds:voice", audioWithoutId)));

        VoiceCampaign transferWithoutKey = new VoiceCampaign(2, null, "hola", "c",
                List.of(VoiceRecipient.of("4498987281")), "5570055780", null, "4499157710", null);
        assertEquals(List.of("transfer_key"), fields(validationFailure("smsclouds:voice", transferWithoutKey)));

        VoiceCampaign bare = new VoiceCampaign(3, null, null, null, List.of(), null, null, null, null);
        assertEquals(List.of("type", "campaign_name", "remittent", "recipients"),
                fields(validationFailure("smsclouds:voice", bare)));
        assertEquals(0, smsclouds().requestCount());
    }

    @Test
    void hlrTakesOnlyTenDigitMexicanNumbers() {
        SmsValidationException foreign = validationFailure("smsclouds:hlr", "+5521988887777");
        assertTrue(foreign.getMessage().contains("Mexican numbers of 10 digits"), foreign.getMessage());
        validationFailure("smsclouds:hlr", "12345");
        assertEquals(0, smsclouds().requestCount());
    }

    @Test
    void aNonNumericCampaignIdNeverReachesTheUrl() {
        SmsValidationException status = validationFailure("smsclouds:campaignStatus", "1/../../user");
        assertEquals("id", status.getViolations().get(0).field());
        SmsValidationException cancel = validationFailure("smsclouds:voiceCancel", "12?x=1");
        assertEquals("id", cancel.getViolations().get(0).field());
        assertEquals(0, smsclouds().requestCount());
    }

    private static List<String> fields(SmsValidationException e) {
        return e.getViolations().stream().map(Violation::field).toList();
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }
}
