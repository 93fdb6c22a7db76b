package io.camelsms.painel;

import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.camelsms.painel.model.PainelApi;

/**
 * The one place a number the panel reports (getstatus's mobile, the callback's celular) is put in the format
 * {@code send} recorded it in: the national number, digits only ({@code 31999999999}). Delivery reports and
 * replies are matched to tracked messages by campaign and that number, so both must be written alike.
 */
final class PainelNumbers {

    /** Compiled once: this runs for every callback and status line. */
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");
    private static final Pattern NATIONAL_NUMBER = Pattern.compile(PainelApi.NATIONAL_NUMBER_PATTERN);

    private PainelNumbers() {
    }

    /**
     * Digits only; a number written with the account's country code in front (e.g. {@code 5531999999999} with
     * defaultRegion BR) loses it, as send never sends it. Without defaultRegion the digits are kept as they are.
     * Null for a blank number.
     */
    static String asRecorded(String reported, String defaultRegion) {
        if (reported == null || reported.isBlank()) {
            return null;
        }
        String digits = NON_DIGITS.matcher(reported).replaceAll("");
        if (defaultRegion == null || defaultRegion.isBlank()) {
            return digits;
        }
        String countryCode = String.valueOf(PhoneNumberUtil.getInstance()
                .getCountryCodeForRegion(defaultRegion.strip().toUpperCase()));
        if (digits.startsWith(countryCode)
                && NATIONAL_NUMBER.matcher(digits).region(countryCode.length(), digits.length()).matches()) {
            return digits.substring(countryCode.length());
        }
        return digits;
    }
}
