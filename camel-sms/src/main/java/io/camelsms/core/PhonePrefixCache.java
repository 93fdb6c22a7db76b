package io.camelsms.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * libphonenumber's {@code parse} for the shapes bulk files hold ({@code +5521988887777}, {@code 21988887777},
 * {@code (21) 98888-7777}), without its generic work per number: the decisions parse takes on a number's first
 * digits (which country code, whether an international or a national prefix could be there) are taken once per
 * prefix and remembered; the rest of a number only becomes the national number.
 * <p>
 * A decision is remembered only when it holds for every number starting with that prefix: a prefix pattern that
 * neither matches the prefix nor reached its end ({@link Matcher#hitEnd()}) matches no longer number either. Any
 * other case (a prefix that may be followed by a national or international prefix, a national number that
 * starts with the region's own country code, punctuation beyond {@code ( ) - .} and spaces, an unknown country
 * code, an odd length) is answered with null, and the caller asks libphonenumber; errors therefore always come
 * from libphonenumber itself. PhonePrefixCacheTest compares the two on a large generated set of numbers.
 * <p>
 * Memory is bounded: at most {@value #MAX_PREFIXES} remembered prefixes (a campaign's numbers share few), the
 * memory forgotten all at once when full.
 */
final class PhonePrefixCache {

    /** Digits of a number whose decisions are remembered together: country code and some of the national number. */
    static final int PREFIX_DIGITS = 6;
    /**
     * Digits of the prefix tried first: most decisions are taken on the first digits (a national prefix, an
     * international prefix or a country code are short), and a campaign's numbers share far fewer of them.
     */
    static final int SHORT_PREFIX_DIGITS = 3;
    static final int MAX_PREFIXES = 20_000;
    /** National numbers outside these lengths are left to libphonenumber (its own limits are 2 and 17). */
    private static final int MIN_NATIONAL_DIGITS = 3;
    private static final int MAX_NATIONAL_DIGITS = 15;
    private static final int MAX_INPUT_CHARS = 40;

    /** The decision for a prefix: the country code, and how many leading digits are not the national number. */
    private record Decision(int countryCode, int digitsBeforeNationalNumber) {
    }

    private static final Decision ASK_LIBPHONENUMBER = new Decision(0, 0);
    /** The short prefix does not decide: the longer one is looked up. */
    private static final Decision LONGER_PREFIX = new Decision(0, -1);

    private final PhoneNumberUtil util;
    /** the metadata PhoneNumberUtil.getInstance() reads */
    private final MetadataSource metadata = DefaultMetadataDependenciesProvider.getInstance()
            .getPhoneNumberMetadataSource();
    private final Map<Long, Decision> decisions = new ConcurrentHashMap<>();
    /** The metadata's prefix regexes, compiled once (a few per region). */
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    PhonePrefixCache(PhoneNumberUtil util) {
        this.util = util;
    }

    /**
     * @param trimmed the number as the user wrote it, trimmed
     * @param region  a supported region, or null for international numbers only
     * @return what {@code util.parse(trimmed, region == null ? "ZZ" : region)} returns, or null where only
     *         libphonenumber can tell (including every number it refuses)
     */
    Phonenumber.PhoneNumber parse(String trimmed, String region) {
        if (trimmed.length() > MAX_INPUT_CHARS) {
            return null;
        }
        boolean plus = !trimmed.isEmpty() && trimmed.charAt(0) == '+';
        char[] digits = new char[trimmed.length()];
        int count = 0;
        for (int i = plus ? 1 : 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c >= '0' && c <= '9') {
                digits[count++] = c;
            } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
                return null;
            }
        }
        if (count <= PREFIX_DIGITS || (!plus && region == null)) {
            return null;
        }
        Decision decision = decision(digits, SHORT_PREFIX_DIGITS, plus, region);
        if (decision == LONGER_PREFIX) {
            decision = decision(digits, PREFIX_DIGITS, plus, region);
        }
        if (decision == ASK_LIBPHONENUMBER) {
            return null;
        }
        int nationalDigits = count - decision.digitsBeforeNationalNumber();
        if (nationalDigits < MIN_NATIONAL_DIGITS || nationalDigits > MAX_NATIONAL_DIGITS) {
            return null;
        }
        return phoneNumber(decision.countryCode(), new String(digits, decision.digitsBeforeNationalNumber(),
                nationalDigits));
    }

    /**
     * The decision for the number's first {@code length} digits, remembered. On the short prefix, a case that only
     * libphonenumber can decide is {@link #LONGER_PREFIX}: the longer prefix may still decide it.
     */
    private Decision decision(char[] digits, int length, boolean plus, String region) {
        long prefix = 0;
        for (int i = 0; i < length; i++) {
            prefix = prefix * 10 + (digits[i] - '0');
        }
        // the region's two letters (none for +), the prefix's length and its digits, each in its own bits
        long key = (plus ? 0L : ((long) region.charAt(0) << 48 | (long) region.charAt(1) << 40))
                   | ((long) length << 32) | prefix;
        Decision decision = decisions.get(key);
        if (decision == null) {
            String digitsOfPrefix = new String(digits, 0, length);
            decision = plus ? decideInternational(digitsOfPrefix) : decideNational(digitsOfPrefix, region);
            if (decision == ASK_LIBPHONENUMBER && length < PREFIX_DIGITS) {
                decision = LONGER_PREFIX;
            }
            if (decisions.size() >= MAX_PREFIXES) {
                decisions.clear();
            }
            decisions.put(key, decision);
        }
        return decision;
    }

    /** How many prefixes are remembered. */
    int size() {
        return decisions.size();
    }

    /** {@code +<prefix>...}: the first 1 to 3 digits that are a known country code, as libphonenumber reads them. */
    private Decision decideInternational(String prefix) {
        if (prefix.charAt(0) == '0') {
            return ASK_LIBPHONENUMBER;
        }
        for (int length = 1; length <= 3; length++) {
            int countryCode = Integer.parseInt(prefix.substring(0, length));
            if (util.getSupportedCallingCodes().contains(countryCode)) {
                String regionCode = util.getRegionCodeForCountryCode(countryCode);
                PhoneMetadata country = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(regionCode)
                        ? metadata.getMetadataForNonGeographicalRegion(countryCode)
                        : metadata.getMetadataForRegion(regionCode);
                if (country == null || mayStartWith(country.getNationalPrefixForParsing(), prefix.substring(length))) {
                    return ASK_LIBPHONENUMBER;
                }
                return new Decision(countryCode, length);
            }
        }
        return ASK_LIBPHONENUMBER;
    }

    /** A number without {@code +}: national in the region unless it may start with an IDD or the country code. */
    private Decision decideNational(String prefix, String region) {
        PhoneMetadata home = metadata.getMetadataForRegion(region);
        if (home == null
                || mayStartWith(home.getInternationalPrefix(), prefix)
                || prefix.startsWith(String.valueOf(home.getCountryCode()))
                || mayStartWith(home.getNationalPrefixForParsing(), prefix)) {
            return ASK_LIBPHONENUMBER;
        }
        return new Decision(home.getCountryCode(), 0);
    }

    /**
     * Whether a number starting with {@code prefix} may start with a match of the metadata regex (libphonenumber
     * tries it with lookingAt): false only when the regex fails on the prefix without having read all of it, so
     * that no digit after the prefix could make it match.
     */
    private boolean mayStartWith(String regex, String prefix) {
        if (regex == null || regex.isEmpty()) {
            return false;
        }
        Matcher matcher = patterns.computeIfAbsent(regex, Pattern::compile).matcher(prefix);
        return matcher.lookingAt() || matcher.hitEnd();
    }

    /** The number as libphonenumber's parse builds it, its leading zeros kept as it keeps them. */
    private static Phonenumber.PhoneNumber phoneNumber(int countryCode, String national) {
        Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber().setCountryCode(countryCode);
        if (national.charAt(0) == '0') {
            number.setItalianLeadingZero(true);
            int leadingZeros = 1;
            // an all-zero number keeps its last zero as the number itself
            while (leadingZeros < national.length() - 1 && national.charAt(leadingZeros) == '0') {
                leadingZeros++;
            }
            if (leadingZeros != 1) {
                number.setNumberOfLeadingZeros(leadingZeros);
            }
        }
        return number.setNationalNumber(Long.parseLong(national));
    }
}
