package io.camelsms.webcom;

import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsValidationException;
import io.camelsms.core.Violation;
import io.camelsms.webcom.model.WebcomMessage;
import io.camelsms.webcom.model.WebcomPhone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of the send document is checked before anything leaves. */
class WebcomValidationTest extends WebcomTestSupport {

    private static final String PHONE = "+79612242243";

    private Violation onlyViolation(SmsMessage message) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("webcom:send", message));
        SmsValidationException invalid = assertInstanceOf(SmsValidationException.class, e.getCause());
        assertEquals(0, webcom().requestCount(), "nothing left the producer");
        assertEquals(1, invalid.getViolations().size(), invalid.getMessage());
        return invalid.getViolations().get(0);
    }

    @Test
    void aSenderIsRequired() {
        Violation v = onlyViolation(SmsMessage.to(PHONE).text("hi").externalId("1").build());
        assertEquals("sender", v.field());
        assertEquals("is required", v.problem());
    }

    @ParameterizedTest
    @CsvSource({"123456789012345, true", "1234567890123456, false", "ShopShop123, true", "ShopShop1234, false",
                "1234567890ab, false"})
    void aNumericSenderMayHave15CharactersAnAlphanumericOne11(String sender, boolean allowed) {
        SmsMessage message = SmsMessage.to(PHONE).sender(sender).text("hi").externalId("1").build();
        if (allowed) {
            template.sendBody("webcom:send", message);
            assertEquals(sender, webcom().accepted().get(0).sender());
            return;
        }
        Violation v = onlyViolation(message);
        assertEquals("sender", v.field());
        int limit = sender.chars().allMatch(Character::isDigit) ? WebcomMessage.MAX_SENDER_NUMERIC
                : WebcomMessage.MAX_SENDER_ALPHANUMERIC;
        assertEquals(sender.length() + " characters, at most " + limit, v.problem());
    }

    @Test
    void aPhoneIsRequired() {
        Violation v = onlyViolation(SmsMessage.to(null).sender("Shop").text("hi").externalId("1").build());
        assertEquals("phone", v.field());
        assertEquals("is required", v.problem());
    }

    @Test
    void aPhoneMustBeShorterThan15Characters() {
        // an Austrian mobile number with a 13-digit national number: 15 digits with the country code
        Violation v = onlyViolation(SmsMessage.to("+43 664 1234567890").sender("Shop").text("hi").externalId("1")
                .build());
        assertEquals("phone", v.field());
        assertEquals("15 characters, at most " + WebcomPhone.MAX_PHONE_LENGTH, v.problem());
    }

    @Test
    void aPhoneMustBeANumber() {
        Violation v = onlyViolation(SmsMessage.to("call me").sender("Shop").text("hi").externalId("1").build());
        assertEquals("phone", v.field());
        assertTrue(v.problem().contains("not a usable phone number"), v.problem());
    }

    @Test
    void aTextIsRequired() {
        Violation v = onlyViolation(SmsMessage.to(PHONE).sender("Shop").text("").externalId("1").build());
        assertEquals("text", v.field());
    }

    @ParameterizedTest
    @CsvSource({"mms", "flash"})
    void theTypeMustBeOneTheDocumentNames(String type) {
        Violation v = onlyViolation(SmsMessage.to(PHONE).sender("Shop").text("hi").externalId("1")
                .option("type_send_1", type).build());
        assertEquals("type_send_1", v.field());
        assertEquals("'" + type + "' is not one of [sms, viber]", v.problem());
    }

    @Test
    void flashIsNoTypeSendTheDocumentDefinesSoAnEndpointAskingForItDoesNotStart() {
        Exception e = assertThrows(Exception.class, () -> template.sendBody("webcom:send?sender=Shop&typeSend=flash",
                SmsMessage.to(PHONE).text("hi").externalId("1").build()));
        assertTrue(String.valueOf(e.getMessage() + e.getCause()).contains("typeSend must be one of [sms, viber],"
                + " was 'flash'"), e.toString());
        assertEquals(0, webcom().requestCount());
    }

    @Test
    void anExternalIdThatIsNoWholeNumberGetsAStableNumericClientIdSms() throws Exception {
        SendResult first = template.requestBody("webcom:send?sender=Shop",
                SmsMessage.to(PHONE).sender("Shop").text("hi").externalId("order-17").build(), SendResult.class);
        SendResult again = template.requestBody("webcom:send?sender=Shop",
                SmsMessage.to(PHONE).sender("Shop").text("hi").externalId("order-17").build(), SendResult.class);

        assertEquals("order-17", first.recipients().get(0).externalId(), "the caller's id stays the external id");
        String clientId = WebcomPhone.clientIdFor("order-17");
        assertTrue(WebcomPhone.isClientId(clientId), clientId);
        assertEquals(first.recipients().get(0).providerMessageId(), again.recipients().get(0).providerMessageId(),
                "the same external id is the same client_id_sms: the platform did not send it twice");
        assertEquals(1, webcom().accepted().size());
    }

    @Test
    void validMessagesGoAndInvalidOnesAreReportedWithTheReason() {
        SendResult result = template.requestBody("webcom:send?sender=Shop", List.of(
                SmsMessage.to(PHONE).text("ok").externalId("1").build(),
                SmsMessage.to(PHONE).text("bad sender").sender("ThisIsTooLongASender").externalId("2").build()),
                SendResult.class);

        assertEquals(1, webcom().accepted().size());
        assertTrue(result.recipients().get(0).accepted());
        assertEquals("message[1].sender: 20 characters, at most 11", result.recipients().get(1).reason());
    }

    @Test
    void failOnInvalidSendsNothing() {
        assertThrows(CamelExecutionException.class, () -> template.sendBody("webcom:send?sender=Shop&failOnInvalid=true",
                List.of(SmsMessage.to(PHONE).text("ok").externalId("1").build(),
                        SmsMessage.to(PHONE).text("").externalId("2").build())));
        assertEquals(0, webcom().requestCount());
    }

    @Test
    void anEndpointWithoutCredentialsDoesNotStart() {
        context.getComponent("webcom", WebcomComponent.class).getConfiguration().setPassword(null);
        Exception e = assertThrows(Exception.class, () -> template.sendBody("webcom:balance", null));
        assertTrue(String.valueOf(e.getMessage() + e.getCause()).contains("set token, or login and password"),
                e.toString());
    }
}
