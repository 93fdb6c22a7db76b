package io.camelsms.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The prefix cache answers exactly what libphonenumber's parse answers: a generated set of numbers from every
 * region libphonenumber knows (its example numbers of every type, mutated: other digits, other lengths, national
 * and international prefixes, the country code written twice, punctuation, with and without {@code +}, with the
 * number's own region, another region or none as default region), plus random digit strings. Every answer of the
 * cache is compared with a fresh libphonenumber parse; where the cache declines, libphonenumber answers alone.
 */
class PhonePrefixCacheTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String[] STYLES = {"%s", "%s", "(%s", "%s-", " %s "};

    /** A number as a user wrote it, with the default region it is read with (null: international only). */
    record Case(String raw, String region) {
    }

    @Test
    void answersExactlyAsLibphonenumberOnEveryGeneratedNumber() {
        List<Case> cases = generate(new SplittableRandom(17));
        Phonenumber.PhoneNumber[] plain = new Phonenumber.PhoneNumber[cases.size()];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = plainParse(cases.get(i).raw().trim(), cases.get(i).region());
        }
        PhonePrefixCache cache = new PhonePrefixCache(UTIL);
        int answered = 0;
        int declinedValid = 0;
        // twice, the second time from the remembered decisions only
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < plain.length; i++) {
                Case c = cases.get(i);
                Phonenumber.PhoneNumber cached = cache.parse(c.raw().trim(), c.region());
                if (cached != null) {
                    answered++;
                    if (plain[i] == null || !cached.exactlySameAs(plain[i])) {
                        fail("'" + c.raw() + "' with region " + c.region() + ": cache " + cached + ", libphonenumber "
                                + (plain[i] == null ? "refuses it" : plain[i]));
                    }
                } else if (plain[i] != null) {
                    declinedValid++;
                }
            }
        }
        // not vacuous: most numbers are answered from the cache, and the hard cases do reach libphonenumber
        assertTrue(cases.size() > 250_000, "generated " + cases.size());
        assertTrue(answered > cases.size(), "answered " + answered + " of " + 2 * cases.size());
        assertTrue(declinedValid > 10_000, "declined " + declinedValid);
    }

    @Test
    void bulkShapesAreAnsweredFromTheCache() {
        PhonePrefixCache cache = new PhonePrefixCache(UTIL);
        for (String raw : new String[] {"+5521988887777", "21988887777", "(21) 98888-7777", "+1 (650) 253-0000"}) {
            assertNotNull(cache.parse(raw, "BR"), raw);
        }
        // a national prefix, a letter, the region's own country code in front: libphonenumber's to decide
        for (String raw : new String[] {"021988887777", "2198888777a", "5521988887777"}) {
            assertNull(cache.parse(raw, "BR"), raw);
        }
    }

    @Test
    void memoryIsBounded() {
        PhonePrefixCache cache = new PhonePrefixCache(UTIL);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 3 * PhonePrefixCache.MAX_PREFIXES; i++) {
            cache.parse(String.format("+55%02d9%08d", 11 + random.nextInt(89), random.nextInt(100_000_000)), null);
        }
        assertTrue(cache.size() <= PhonePrefixCache.MAX_PREFIXES, "remembered " + cache.size());
    }

    private static Phonenumber.PhoneNumber plainParse(String raw, String region) {
        try {
            return UTIL.parse(raw, region == null ? "ZZ" : region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The generated set: shared with PhoneShapeCacheTest. */
    static List<Case> generate(SplittableRandom random) {
        List<String> regions = new ArrayList<>(UTIL.getSupportedRegions());
        regions.sort(null);
        List<Case> cases = new ArrayList<>();
        for (String region : regions) {
            PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource()
                    .getMetadataForRegion(region);
            List<String> seeds = new ArrayList<>();
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example != null) {
                    seeds.add(UTIL.getNationalSignificantNumber(example));
                }
            }
            Phonenumber.PhoneNumber invalid = UTIL.getInvalidExampleNumber(region);
            if (invalid != null) {
                seeds.add(UTIL.getNationalSignificantNumber(invalid));
            }
            String countryCode = String.valueOf(metadata.getCountryCode());
            String[] leads = {"", "", "", "0", "00", metadata.getNationalPrefix(), countryCode,
                metadata.getPreferredInternationalPrefix(), "1", "9"};
            for (String seed : seeds) {
                for (int i = 0; i < 40; i++) {
                    String national = leads[random.nextInt(leads.length)] + mutate(seed, random);
                    String otherRegion = regions.get(random.nextInt(regions.size()));
                    String style = STYLES[random.nextInt(STYLES.length)];
                    cases.add(new Case(String.format(style, "+" + countryCode + punctuate(national, random)), null));
                    cases.add(new Case(String.format(style, "+" + countryCode + " " + national), otherRegion));
                    cases.add(new Case(String.format(style, punctuate(national, random)), region));
                    cases.add(new Case(national, random.nextBoolean() ? otherRegion : region));
                }
            }
        }
        for (int i = 0; i < 40_000; i++) {
            StringBuilder digits = new StringBuilder();
            int length = 4 + random.nextInt(16);
            for (int d = 0; d < length; d++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            cases.add(new Case((random.nextBoolean() ? "+" : "") + digits, random.nextBoolean()
                    ? regions.get(random.nextInt(regions.size())) : null));
        }
        return cases;
    }

    /** The seed with some of its digits replaced (mostly at the end), sometimes shorter or longer. */
    private static String mutate(String seed, SplittableRandom random) {
        StringBuilder number = new StringBuilder(seed);
        int changes = random.nextInt(seed.length() + 1);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(4) == 0 ? random.nextInt(number.length()) : number.length() - 1 - random.nextInt(
                    Math.min(number.length(), 6));
            number.setCharAt(at, (char) ('0' + random.nextInt(10)));
        }
        switch (random.nextInt(6)) {
            case 0 -> number.append(random.nextInt(10));
            case 1 -> number.setLength(Math.max(1, number.length() - 1 - random.nextInt(2)));
            default -> {
                // the seed's length, as most real numbers
            }
        }
        return number.toString();
    }

    /** Spaces, dashes, dots or brackets between the digits, as people write numbers. */
    private static String punctuate(String national, SplittableRandom random) {
        if (random.nextBoolean() || national.length() < 4) {
            return national;
        }
        int cut = 1 + random.nextInt(national.length() - 2);
        return switch (random.nextInt(4)) {
            case 0 -> " (" + national.substring(0, cut) + ") " + national.substring(cut);
            case 1 -> " " + national.substring(0, cut) + "-" + national.substring(cut);
            case 2 -> "." + national.substring(0, cut) + "." + national.substring(cut);
            default -> " " + national.substring(0, cut) + " " + national.substring(cut);
        };
    }
}
