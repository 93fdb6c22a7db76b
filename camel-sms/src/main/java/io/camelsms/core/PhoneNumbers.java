package io.camelsms.core;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

/** Parses what users write as a phone number into a {@link Phone}, with libphonenumber's rules. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern NON_DIGITS = Pattern.compile("\\D+");
    /** parse's per-prefix decisions, remembered: most of libphonenumber's cost per number on bulk sends */
    private static final PhonePrefixCache PREFIXES = new PhonePrefixCache(UTIL);
    /** the type and area-code length, remembered per class of numbers: the rest of libphonenumber's cost */
    private static final PhoneShapeCache SHAPES = new PhoneShapeCache(UTIL);

    private PhoneNumbers() {
    }

    /**
     * @param raw           {@code +55 21 98888-7777}, {@code 5521988887777} with a leading {@code +} missing is
     *                      not guessed: without {@code +} the number is read as national in {@code defaultRegion}
     * @param defaultRegion ISO 3166 region for national numbers (e.g. {@code BR}); null means only international
     *                      numbers (with {@code +}) are accepted
     * @throws InvalidPhoneNumberException naming the number and why it is not valid
     */
    public static Phone parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException(raw, "no phone number given");
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? null : upperCase(defaultRegion);
        if (region != null && !UTIL.getSupportedRegions().contains(region)) {
            throw new InvalidPhoneNumberException(raw, "defaultRegion '" + defaultRegion + "' is not an ISO 3166 region");
        }
        String trimmed = raw.trim();
        Phonenumber.PhoneNumber number = PREFIXES.parse(trimmed, region);
        try {
            if (number == null) {
                number = UTIL.parse(trimmed, region == null ? "ZZ" : region);
            }
        } catch (NumberParseException e) {
            String why = e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE && region == null
                    ? "no country code: write it as +<country><number> or set defaultRegion"
                    : e.getMessage();
            throw new InvalidPhoneNumberException(raw, why);
        }
        if (number.hasExtension()) {
            throw new InvalidPhoneNumberException(raw, "it has an extension (" + number.getExtension()
                    + "): an SMS reaches the line, never an extension; give the number without it");
        }
        String national = UTIL.getNationalSignificantNumber(number);
        Phonenumber.PhoneNumber parsed = number;
        PhoneShapeCache.Shape shape = SHAPES.shape(number.getCountryCode(), national, () -> shapeOf(parsed));
        if (shape.type() == PhoneNumberType.UNKNOWN) {
            throw new InvalidPhoneNumberException(raw, "not a valid number for region "
                    + UTIL.getRegionCodeForNumber(number) + " (country code " + number.getCountryCode() + ")");
        }
        int ndcLength = shape.ndcLength();
        return new Phone(number.getCountryCode(), national.substring(0, ndcLength), national.substring(ndcLength));
    }

    /** The region as given when it is upper case already, as it is for every number of a send: no copy. */
    private static String upperCase(String region) {
        for (int i = 0; i < region.length(); i++) {
            if (Character.isLowerCase(region.charAt(i))) {
                return region.toUpperCase(Locale.ROOT);
            }
        }
        return region;
    }

    /** What libphonenumber says of one number: its type and, when valid, the length of its area code. */
    private static PhoneShapeCache.Shape shapeOf(Phonenumber.PhoneNumber number) {
        // isValidNumber and getLengthOfNationalDestinationCode each work out the number's type again; once is
        // enough (a third of libphonenumber's cost per number on bulk sends)
        PhoneNumberType type = UTIL.getNumberType(number);
        return new PhoneShapeCache.Shape(type, type == PhoneNumberType.UNKNOWN ? 0
                : nationalDestinationCodeLength(number, type));
    }

    /**
     * The ISO 3166 region a parsed number belongs to (e.g. {@code KZ} for +7 7..., {@code RU} for +7 9...), as
     * libphonenumber tells it from the whole number, not only its country code; {@code ZZ} when it cannot tell.
     */
    public static String regionOf(Phone phone) {
        try {
            String region = UTIL.getRegionCodeForNumber(UTIL.parse(phone.e164(), "ZZ"));
            return region == null ? "ZZ" : region;
        } catch (NumberParseException e) {
            return "ZZ"; // a Phone comes from parse(), so its E.164 form parses again
        }
    }

    /**
     * libphonenumber's getLengthOfNationalDestinationCode with the type already known: the second group of the
     * international format, plus the mobile token's group where the country has one (e.g. Argentina's 9).
     */
    private static int nationalDestinationCodeLength(Phonenumber.PhoneNumber number, PhoneNumberType type) {
        String[] groups = NON_DIGITS.split(UTIL.format(number, PhoneNumberFormat.INTERNATIONAL));
        // groups[0] is empty (before the '+'), groups[1] the country code
        if (groups.length <= 3) {
            return 0;
        }
        if (type == PhoneNumberType.MOBILE && !PhoneNumberUtil.getCountryMobileToken(number.getCountryCode()).isEmpty()) {
            return groups[2].length() + groups[3].length();
        }
        return groups[2].length();
    }

    /** A number that cannot be used, with the reason. */
    public static final class InvalidPhoneNumberException extends IllegalArgumentException {
        public InvalidPhoneNumberException(String number, String reason) {
            super("'" + number + "' is not a usable phone number: " + reason);
        }
    }
}
