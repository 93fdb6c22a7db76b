package io.camelsms.core;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.TypeConversionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Camel finds the generated converters: convertBodyTo(SmsMessage.class) works on a phone number and on a map. */
class SmsMessageConvertersTest {

    @Test
    void camelConvertsAPhoneNumberAndAMapToAnSmsMessage() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            var converter = context.getTypeConverter();

            assertEquals(SmsMessage.to("+5521988887777").build(),
                    converter.mandatoryConvertTo(SmsMessage.class, "+5521988887777"));

            SmsMessage fromMap = converter.mandatoryConvertTo(SmsMessage.class, Map.of(
                    "phone", "+5521988887777", "text", "Oi", "external_id", "order-7", "validity", "PT2H",
                    "options", Map.of("aux_user", "crm")));
            assertEquals(SmsMessage.to("+5521988887777").text("Oi").externalId("order-7")
                    .validity(Duration.ofHours(2)).option("aux_user", "crm").build(), fromMap);
        }
    }

    @Test
    void aKeyThatIsNoFieldIsAnErrorNamingIt() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> context.getTypeConverter()
                    .mandatoryConvertTo(SmsMessage.class, Map.of("phon", "+5521988887777", "text", "Oi")));
            assertTrue(e.getMessage().contains("unknown field 'phon'"), e.getMessage());
        }
    }
}
