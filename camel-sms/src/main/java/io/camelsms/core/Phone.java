package io.camelsms.core;

/**
 * A phone number after parsing, in the parts providers ask for.
 *
 * @param countryCode             e.g. 55
 * @param nationalDestinationCode area or network code, e.g. 21 (empty where the numbering plan has none)
 * @param subscriberNumber        the rest, e.g. 988887777
 */
public record Phone(int countryCode, String nationalDestinationCode, String subscriberNumber) {

    /** {@code +5521988887777} */
    public String e164() {
        return "+" + countryCode + nationalNumber();
    }

    /** Country code and national number as digits only: {@code 5521988887777}. */
    public String digits() {
        return countryCode + nationalNumber();
    }

    /** National number without trunk prefix: {@code 21988887777}. */
    public String nationalNumber() {
        return nationalDestinationCode + subscriberNumber;
    }

    @Override
    public String toString() {
        return e164();
    }
}
