package io.camelsms.core;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumbersTest {

    @Test
    void internationalNumbersParseWithoutARegion() {
        Phone phone = PhoneNumbers.parse("+55 (21) 98888-7777", null);
        assertEquals(new Phone(55, "21", "988887777"), phone);
        assertEquals("+5521988887777", phone.e164());
        assertEquals("5521988887777", phone.digits());
        assertEquals("21988887777", phone.nationalNumber());
    }

    @Test
    void nationalNumbersUseTheDefaultRegion() {
        assertEquals("+5521988887777", PhoneNumbers.parse("021 98888-7777", "BR").e164());
        assertEquals("+525512345678", PhoneNumbers.parse("55 1234 5678", "mx").e164());
        assertEquals("+393471234567", PhoneNumbers.parse("347 123 4567", "IT").e164());
    }

    @Test
    void aNumberWithAnExtensionIsRejectedNotSentWithoutIt() {
        for (String withExtension : new String[] {"+55 21 98888-7710 ext 5", "+55 21 98888-7710 x5",
            "+55 21 98888-7710;ext=5"}) {
            var e = assertThrows(PhoneNumbers.InvalidPhoneNumberException.class,
                    () -> PhoneNumbers.parse(withExtension, "BR"));
            assertEquals("'" + withExtension + "' is not a usable phone number: it has an extension (5): an SMS"
                    + " reaches the line, never an extension; give the number without it", e.getMessage());
        }
    }

    @Test
    void rejectionsNameTheNumberAndTheReason() {
        var noRegion = assertThrows(PhoneNumbers.InvalidPhoneNumberException.class,
                () -> PhoneNumbers.parse("21988887777", null));
        assertTrue(noRegion.getMessage().startsWith("'21988887777' is not a usable phone number: no country code"),
                noRegion.getMessage());

        var tooShort = assertThrows(PhoneNumbers.InvalidPhoneNumberException.class,
                () -> PhoneNumbers.parse("+55 21 9888", null));
        assertTrue(tooShort.getMessage().contains("not a valid number for region BR"), tooShort.getMessage());

        var badRegion = assertThrows(PhoneNumbers.InvalidPhoneNumberException.class,
                () -> PhoneNumbers.parse("21988887777", "Brazil"));
        assertTrue(badRegion.getMessage().contains("defaultRegion 'Brazil' is not an ISO 3166 region"));

        assertThrows(PhoneNumbers.InvalidPhoneNumberException.class, () -> PhoneNumbers.parse(" ", "BR"));
    }

    /** parse works out the type once; it must agree with libphonenumber's own validity and area-code split. */
    @Test
    void agreesWithLibphonenumberOnEveryRegionsExampleNumbers() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        int checked = 0;
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                Phone phone = PhoneNumbers.parse(e164, null);
                int ndc = util.getLengthOfNationalDestinationCode(example);
                String national = util.getNationalSignificantNumber(example);
                assertEquals(new Phone(example.getCountryCode(), national.substring(0, ndc), national.substring(ndc)),
                        phone, region + " " + type + " " + e164);
                checked++;
            }
        }
        assertTrue(checked > 1_000, "example numbers checked: " + checked);
        // Argentina's mobile token 9 belongs to the area code, as libphonenumber splits it
        assertEquals(new Phone(54, "911", "23456789"), PhoneNumbers.parse("+54 9 11 2345 6789", null));
    }
}
