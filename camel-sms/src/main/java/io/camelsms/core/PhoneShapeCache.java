package io.camelsms.core;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.NumberFormat;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;

/**
 * libphonenumber's number type and area-code length of a parsed number, remembered for every number of the same
 * country code, national length and first {@value #PREFIX_DIGITS} national digits: once the first of them is
 * answered, the others cost a map look-up instead of a dozen regexes.
 * <p>
 * An answer is remembered only when it provably holds for every number of that class; the proof is taken on the
 * metadata itself, without libphonenumber's help:
 * <ul>
 * <li>the number type is decided by which of the region's number descriptions (general, premium rate, ...,
 * fixed line, mobile) match the national number. Each is a regex over digits; {@link DigitPattern} runs it on the
 * prefix followed by a symbol standing for "any digit": matched where only any-digit atoms read the symbols, every
 * number of the class matches; not matched even where any atom that reads a digit reads the symbol, none does;
 * otherwise the class is not uniform;</li>
 * <li>the international format is chosen by each format's leading-digits regex (tried with {@code lookingAt}:
 * decided on the prefix when it matches, or fails without reading to the prefix's end) and its pattern; a pattern
 * of groups of {@code \d} only matches, and splits the number, by its length alone.</li>
 * </ul>
 * Country codes shared by several regions (+1, +7, +44...) are left to libphonenumber, which picks the region from the
 * whole number. PhoneShapeCacheTest compares {@link PhoneNumbers#parse} with libphonenumber alone on a large
 * generated set, numbers of one class checked one after the other. At most {@value #MAX_SHAPES} classes are kept.
 */
final class PhoneShapeCache {

    /** National digits that, with the country code and the national length, name a class of numbers. */
    static final int PREFIX_DIGITS = 5;
    static final int MAX_SHAPES = 20_000;
    /** Stands for "any digit" in a symbolic number: no metadata regex reads it as anything else. */
    private static final char ANY_DIGIT = 'x';
    /** A format pattern whose match and groups depend on the number's length only: {@code (\d{2})(\d{4,5})}. */
    private static final Pattern DIGITS_ONLY_GROUPS = Pattern.compile("(?:\\(\\\\d(?:\\{\\d+(?:,\\d+)?})?\\))+");

    /**
     * What libphonenumber says of every number of a class.
     *
     * @param type      its number type (UNKNOWN: not a valid number)
     * @param ndcLength the length of its national destination code, as PhoneNumbers works it out
     */
    record Shape(PhoneNumberType type, int ndcLength) {
    }

    /** The class is not uniform: each of its numbers goes to libphonenumber. */
    private static final Shape ASK_LIBPHONENUMBER = new Shape(PhoneNumberType.UNKNOWN, -1);

    private final PhoneNumberUtil util;
    private final MetadataSource metadata = DefaultMetadataDependenciesProvider.getInstance()
            .getPhoneNumberMetadataSource();
    private final Map<Long, Shape> shapes = new ConcurrentHashMap<>();
    private final Map<String, DigitPattern> digitPatterns = new ConcurrentHashMap<>();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    PhoneShapeCache(PhoneNumberUtil util) {
        this.util = util;
    }

    /**
     * The shape of a number, from the class's remembered answer, else from {@code libphonenumber} (remembered when
     * the class is uniform).
     *
     * @param nationalNumber the national significant number, as {@code getNationalSignificantNumber} gives it
     */
    Shape shape(int countryCode, String nationalNumber, Supplier<Shape> libphonenumber) {
        long key = key(countryCode, nationalNumber);
        Shape shape = shapes.get(key);
        if (shape == null) {
            Shape answer = libphonenumber.get();
            if (shapes.size() >= MAX_SHAPES) {
                shapes.clear();
            }
            shapes.put(key, uniform(countryCode, nationalNumber) ? answer : ASK_LIBPHONENUMBER);
            return answer;
        }
        return shape == ASK_LIBPHONENUMBER ? libphonenumber.get() : shape;
    }

    /** How many classes are remembered. */
    int size() {
        return shapes.size();
    }

    /** Country code, national length and the prefix's digits, each in its own bits. */
    private static long key(int countryCode, String nationalNumber) {
        int prefixLength = Math.min(PREFIX_DIGITS, nationalNumber.length());
        long prefix = 0;
        for (int i = 0; i < prefixLength; i++) {
            prefix = prefix * 10 + (nationalNumber.charAt(i) - '0');
        }
        return ((long) countryCode << 40) | ((long) nationalNumber.length() << 32) | prefix;
    }

    /** Whether libphonenumber gives every number of this one's class the same type and format. */
    private boolean uniform(int countryCode, String nationalNumber) {
        List<String> regions = util.getRegionCodesForCountryCode(countryCode);
        if (regions.size() != 1) {
            return false;
        }
        String region = regions.get(0);
        PhoneMetadata country = PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)
                ? metadata.getMetadataForNonGeographicalRegion(countryCode)
                : metadata.getMetadataForRegion(region);
        if (country == null) {
            return false;
        }
        int length = nationalNumber.length();
        String prefix = nationalNumber.substring(0, Math.min(PREFIX_DIGITS, length));
        String symbolic = prefix + String.valueOf(ANY_DIGIT).repeat(length - prefix.length());
        // the descriptions getNumberType consults
        for (PhoneNumberDesc desc : new PhoneNumberDesc[] {country.getGeneralDesc(), country.getPremiumRate(),
            country.getTollFree(), country.getSharedCost(), country.getVoip(), country.getPersonalNumber(),
            country.getPager(), country.getUan(), country.getVoicemail(), country.getFixedLine(),
            country.getMobile()}) {
            if (!decided(desc, length, symbolic)) {
                return false;
            }
        }
        return formatDecided(country, prefix, length);
    }

    /** Whether a description matches all numbers of the class or none (isNumberMatchingDesc's two checks). */
    private boolean decided(PhoneNumberDesc desc, int length, String symbolic) {
        List<Integer> lengths = desc.getPossibleLengthList();
        if (!lengths.isEmpty() && !lengths.contains(length)) {
            return true;
        }
        String regex = desc.getNationalNumberPattern();
        if (regex.isEmpty()) {
            return true;
        }
        DigitPattern pattern = digitPatterns.computeIfAbsent(regex, DigitPattern::of);
        return pattern != DigitPattern.UNSUPPORTED && pattern.decides(symbolic);
    }

    /** Whether the international format chosen (chooseFormattingPatternForNumber) is the same for the class. */
    private boolean formatDecided(PhoneMetadata country, String prefix, int length) {
        List<NumberFormat> formats = country.getIntlNumberFormatCount() == 0 ? country.getNumberFormatList()
                : country.getIntlNumberFormatList();
        boolean wholeNumber = prefix.length() == length;
        for (NumberFormat format : formats) {
            int leading = format.getLeadingDigitsPatternCount();
            if (leading > 0) {
                Matcher matcher = pattern(format.getLeadingDigitsPattern(leading - 1)).matcher(prefix);
                if (!matcher.lookingAt()) {
                    if (matcher.hitEnd() && !wholeNumber) {
                        return false; // a longer number may match
                    }
                    continue;
                }
            }
            if (!DIGITS_ONLY_GROUPS.matcher(format.getPattern()).matches()) {
                return false;
            }
            if (pattern(format.getPattern()).matcher("0".repeat(length)).matches()) {
                return true; // this format, for the whole class
            }
        }
        return true; // no format: the number is not grouped, for the whole class
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    /**
     * A metadata regex over digits, in two symbolic versions where {@link #ANY_DIGIT} stands for any digit: in
     * {@code always}, only the atoms that match every digit ({@code \d}, {@code [0-9]}) read it; in {@code maybe},
     * every atom that matches some digit does. Regex matching is the existence of a path, so a match of
     * {@code always} holds for every digit in each symbol's place, and no match of {@code maybe} means no digit
     * there can match. Only the syntax the metadata uses is read (digits, {@code \d}, classes of digits and
     * ranges, groups, alternatives, {@code ?} and counted repeats); anything else is {@link #UNSUPPORTED}.
     */
    private record DigitPattern(Pattern always, Pattern maybe) {

        static final DigitPattern UNSUPPORTED = new DigitPattern(null, null);
        private static final String ALL_DIGITS = "[0-9" + ANY_DIGIT + "]";

        boolean decides(String symbolic) {
            return always.matcher(symbolic).matches() || !maybe.matcher(symbolic).matches();
        }

        static DigitPattern of(String regex) {
            StringBuilder always = new StringBuilder(regex.length() + 16);
            StringBuilder maybe = new StringBuilder(regex.length() + 32);
            for (int i = 0; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c >= '0' && c <= '9') {
                    always.append(c);
                    maybe.append('[').append(c).append(ANY_DIGIT).append(']');
                } else if (c == '\\' && i + 1 < regex.length() && regex.charAt(i + 1) == 'd') {
                    always.append(ALL_DIGITS);
                    maybe.append(ALL_DIGITS);
                    i++;
                } else if (c == '[') {
                    int end = regex.indexOf(']', i);
                    BitSet digits = end < 0 ? null : classDigits(regex.substring(i + 1, end));
                    if (digits == null || digits.isEmpty()) {
                        return UNSUPPORTED;
                    }
                    String body = regex.substring(i + 1, end);
                    always.append('[').append(body).append(digits.cardinality() == 10 ? ANY_DIGIT + "]" : "]");
                    maybe.append('[').append(body).append(ANY_DIGIT).append(']');
                    i = end;
                } else if (c == '{') {
                    int end = regex.indexOf('}', i);
                    String count = end < 0 ? "" : regex.substring(i, end + 1);
                    if (!count.matches("\\{\\d+(,\\d+)?}")) {
                        return UNSUPPORTED;
                    }
                    always.append(count);
                    maybe.append(count);
                    i = end;
                } else if (c == '(' || c == ')' || c == '|' || c == '?'
                           || (c == ':' && i >= 2 && regex.startsWith("(?:", i - 2))) {
                    always.append(c);
                    maybe.append(c);
                } else {
                    return UNSUPPORTED;
                }
            }
            try {
                return new DigitPattern(Pattern.compile(always.toString()), Pattern.compile(maybe.toString()));
            } catch (RuntimeException e) {
                return UNSUPPORTED;
            }
        }

        /** The digits a class body ({@code 0-24-689}, {@code \d}) matches; null for any other syntax. */
        private static BitSet classDigits(String body) {
            BitSet digits = new BitSet(10);
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == 'd') {
                    digits.set(0, 10);
                    i++;
                } else if (c >= '0' && c <= '9') {
                    if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                        char last = body.charAt(i + 2);
                        if (last < c || last > '9') {
                            return null;
                        }
                        digits.set(c - '0', last - '0' + 1);
                        i += 2;
                    } else {
                        digits.set(c - '0');
                    }
                } else {
                    return null;
                }
            }
            return digits;
        }
    }
}
