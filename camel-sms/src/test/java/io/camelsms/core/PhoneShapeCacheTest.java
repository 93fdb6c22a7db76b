package io.camelsms.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shape cache answers what libphonenumber answers. The numbers: PhonePrefixCacheTest's generated set (example
 * numbers of every region and type, mutated), each followed by siblings of its class (the same country code, length
 * and first national digits, the other digits random), so that most answers come from a class decision taken on
 * another number. libphonenumber alone (getNumberType, getLengthOfNationalDestinationCode) is the reference.
 */
class PhoneShapeCacheTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int SIBLINGS = 3;

    @Test
    void answersAsLibphonenumberForEveryNumberOfAClass() {
        SplittableRandom random = new SplittableRandom(23);
        List<Phonenumber.PhoneNumber> numbers = new ArrayList<>();
        for (PhonePrefixCacheTest.Case c : PhonePrefixCacheTest.generate(new SplittableRandom(17))) {
            Phonenumber.PhoneNumber number = libphonenumberParse(c.raw().trim(), c.region());
            if (number == null || number.hasExtension()) {
                continue;
            }
            numbers.add(number);
            for (int i = 0; i < SIBLINGS; i++) {
                numbers.add(sibling(number, random));
            }
        }
        PhoneShapeCache cache = new PhoneShapeCache(UTIL);
        AtomicInteger asked = new AtomicInteger();
        int validFromCache = 0;
        for (Phonenumber.PhoneNumber number : numbers) {
            PhoneShapeCache.Shape expected = reference(number);
            int before = asked.get();
            PhoneShapeCache.Shape shape = cache.shape(number.getCountryCode(), UTIL.getNationalSignificantNumber(number),
                    () -> {
                        asked.incrementAndGet();
                        return reference(number);
                    });
            if (!expected.equals(shape)) {
                fail(number + ": cache " + shape + ", libphonenumber " + expected);
            }
            if (asked.get() == before && shape.type() != PhoneNumberType.UNKNOWN) {
                validFromCache++;
            }
        }
        // not vacuous: most numbers are answered by their class, valid ones included, and some classes are not
        // uniform (libphonenumber answers each of their numbers)
        assertTrue(numbers.size() > 500_000, "numbers " + numbers.size());
        assertTrue(numbers.size() - asked.get() > numbers.size() / 2, "asked " + asked + " of " + numbers.size());
        assertTrue(validFromCache > 100_000, "valid answered by the class: " + validFromCache);
        assertTrue(asked.get() > cache.size(), "asked " + asked + ", classes " + cache.size());
    }

    @Test
    void phoneNumbersParseAgreesWithLibphonenumberOnTheGeneratedSet() {
        for (PhonePrefixCacheTest.Case c : PhonePrefixCacheTest.generate(new SplittableRandom(5))) {
            String expected = referencePhone(c.raw(), c.region());
            String actual;
            try {
                Phone phone = PhoneNumbers.parse(c.raw(), c.region());
                actual = phone.nationalDestinationCode() + "|" + phone.subscriberNumber();
            } catch (PhoneNumbers.InvalidPhoneNumberException e) {
                actual = "invalid";
            }
            assertEquals(expected, actual, c.raw() + " in " + c.region());
        }
    }

    @Test
    void brazilianMobilesAreAnsweredByTheirClass() {
        PhoneShapeCache cache = new PhoneShapeCache(UTIL);
        Phonenumber.PhoneNumber first = libphonenumberParse("+5521988887777", null);
        Phonenumber.PhoneNumber second = libphonenumberParse("+5521988881234", null);
        assertNotNull(first);
        assertEquals(new PhoneShapeCache.Shape(PhoneNumberType.MOBILE, 2),
                cache.shape(55, "21988887777", () -> reference(first)));
        assertEquals(new PhoneShapeCache.Shape(PhoneNumberType.MOBILE, 2),
                cache.shape(55, "21988881234", () -> fail("asked libphonenumber for " + second)));
    }

    @Test
    void memoryIsBounded() {
        PhoneShapeCache cache = new PhoneShapeCache(UTIL);
        for (int i = 0; i < 3 * PhoneShapeCache.MAX_SHAPES; i++) {
            cache.shape(55, String.format("%05d123456", i), () -> new PhoneShapeCache.Shape(PhoneNumberType.MOBILE, 2));
        }
        assertTrue(cache.size() <= PhoneShapeCache.MAX_SHAPES, "remembered " + cache.size());
    }

    /** What PhoneNumbers did with libphonenumber alone: its type, and its own area-code length. */
    private static PhoneShapeCache.Shape reference(Phonenumber.PhoneNumber number) {
        PhoneNumberType type = UTIL.getNumberType(number);
        return new PhoneShapeCache.Shape(type, type == PhoneNumberType.UNKNOWN ? 0
                : UTIL.getLengthOfNationalDestinationCode(number));
    }

    private static String referencePhone(String raw, String region) {
        Phonenumber.PhoneNumber number = libphonenumberParse(raw.trim(), region);
        if (number == null || number.hasExtension() || !UTIL.isValidNumber(number)) {
            return "invalid";
        }
        String national = UTIL.getNationalSignificantNumber(number);
        int ndc = UTIL.getLengthOfNationalDestinationCode(number);
        return national.substring(0, ndc) + "|" + national.substring(ndc);
    }

    /** Another number of the same class: the first national digits kept, the others random. */
    private static Phonenumber.PhoneNumber sibling(Phonenumber.PhoneNumber number, SplittableRandom random) {
        StringBuilder national = new StringBuilder(UTIL.getNationalSignificantNumber(number));
        for (int i = PhoneShapeCache.PREFIX_DIGITS; i < national.length(); i++) {
            national.setCharAt(i, (char) ('0' + random.nextInt(10)));
        }
        int zeros = 0;
        while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
            zeros++;
        }
        Phonenumber.PhoneNumber sibling = new Phonenumber.PhoneNumber().setCountryCode(number.getCountryCode())
                .setNationalNumber(Long.parseLong(national.toString()));
        if (zeros > 0) {
            sibling.setItalianLeadingZero(true);
            if (zeros > 1) {
                sibling.setNumberOfLeadingZeros(zeros);
            }
        }
        assertEquals(national.toString(), UTIL.getNationalSignificantNumber(sibling));
        return sibling;
    }

    private static Phonenumber.PhoneNumber libphonenumberParse(String raw, String region) {
        try {
            return UTIL.parse(raw, region == null ? "ZZ" : region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
