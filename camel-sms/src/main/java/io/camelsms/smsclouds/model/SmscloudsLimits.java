package io.camelsms.smsclouds.model;

/** Every limit the Smsclouds API V3 document states, in one place. */
public final class SmscloudsLimits {

    /** {@code text}: between 1 and 160 characters. */
    public static final int MAX_TEXT = 160;
    /** {@code text} with {@code long_message}: between 1 and 306 characters (2 messages). */
    public static final int MAX_TEXT_LONG_MESSAGE = 306;
    /** {@code text} with {@code encode} (accents and special characters). */
    public static final int MAX_TEXT_ENCODE = 70;
    /** {@code text} with {@code encode_2}. */
    public static final int MAX_TEXT_ENCODE_2 = 128;
    /** {@code text} with {@code encode_3}. */
    public static final int MAX_TEXT_ENCODE_3 = 192;
    /** {@code recipients}: 50,000 records maximum per petition. */
    public static final int MAX_RECIPIENTS = 50_000;
    /** {@code recipients}: the document's optimum per petition, the default split size. */
    public static final int OPTIMAL_RECIPIENTS = 30_000;
    /** HLR takes the Mexican number without country code, always 10 digits. */
    public static final int HLR_DIGITS = 10;
    /** A keyword auto-response is an SMS: plain text of at most 160 characters. */
    public static final int MAX_KEYWORD_REPLY = 160;
    /** Dates on the wire: {@code YYYY-MM-DD HH:mm:ss}. */
    public static final String DATE_PATTERN = "yyyy-MM-dd HH:mm:ss";
    /** The placeholder an SMS clic text carries for its short link, e.g. {@code <+DYNAMICSHORTURL_IVX4+>}. */
    public static final String SHORT_URL_PLACEHOLDER = "<+DYNAMICSHORTURL_";
    /**
     * The characters a text carries without an encode flag: the letters, digits and punctuation of the GSM 7-bit
     * default alphabet that are also plain ASCII, and line breaks. The document asks for {@code encode} "with accents
     * and some other characters" without listing them (it points to a web page); anything outside this set (accents,
     * ñ, ¿, ¡, €, the GSM extension characters ^ { } [ ] ~ | \, emoji) is treated as needing it.
     */
    public static final String PLAIN_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
                                                  + " \r\n!\"#$%&'()*+,-./:;<=>?@_";
        /** What every success body says. */
    public static final String SUCCESS_MESSAGE = "Completado Correctamente";

    private SmscloudsLimits() {
    }

    /** The index of the first character that needs an encode flag, or -1 when the text is plain. */
    public static int firstSpecialCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (PLAIN_CHARACTERS.indexOf(text.charAt(i)) < 0) {
                return i;
            }
        }
        return -1;
    }

    /** The {@code text} limit for a campaign's encode flags (an encode flag wins over long_message). */
    public static int textLimit(boolean encode, boolean encode2, boolean encode3, boolean longMessage) {
        if (encode) {
            return MAX_TEXT_ENCODE;
        }
        if (encode2) {
            return MAX_TEXT_ENCODE_2;
        }
        if (encode3) {
            return MAX_TEXT_ENCODE_3;
        }
        return longMessage ? MAX_TEXT_LONG_MESSAGE : MAX_TEXT;
    }
}
