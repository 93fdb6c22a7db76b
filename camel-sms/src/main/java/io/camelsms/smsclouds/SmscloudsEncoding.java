package io.camelsms.smsclouds;

import io.camelsms.core.SmsText;
import io.camelsms.core.TextEncoding;
import io.camelsms.smsclouds.model.SmscloudsLimits;

/**
 * How a campaign's {@code encode}, {@code encode_2}, {@code encode_3} and {@code long_message} flags are chosen.
 * The document: without a flag a text has 1-160 characters, with {@code long_message} 1-306 (2 messages); accents
 * and special characters need {@code encode} (at most 70 characters), {@code encode_2} (128) or {@code encode_3}
 * (192). It says nothing of {@code long_message} together with an encode flag, so that pair is never sent.
 */
public enum SmscloudsEncoding {
    /** Plain text goes without an encode flag; a text with any other character gets the smallest encode flag. */
    auto,
    /** Never an encode flag: a text with accents or special characters is rejected rather than sent encoded. */
    gsm,
    /** Always an encode flag, whatever the text. */
    unicode;

    /** The flags one campaign text is sent with, and what it costs one recipient. */
    public record Flags(boolean encode, boolean encode2, boolean encode3, boolean longMessage, SmsText cost) {

        /** The flags alone, without the cost: recipients with the same flags can share a campaign. */
        String wireKey() {
            return encode + "," + encode2 + "," + encode3 + "," + longMessage;
        }
    }

    /**
     * The flags for a campaign text. The provider checks {@code text} as sent, the handset receives it with the
     * combination fields filled in: the flags must carry both, the longer of the two and any accent of either (a
     * name like José needs {@code encode} even when the text itself is plain).
     *
     * @param text     the text as sent, with its {@code <+B+>}..{@code <+F+>} placeholders
     * @param filledIn the text one recipient receives
     * @throws IllegalArgumentException naming the limit, when no documented flag combination carries the text
     */
    public Flags flagsFor(String text, String filledIn) {
        int length = Math.max(text.length(), filledIn.length());
        // the placeholders are plain, so every special character of the text is also in the filled-in text
        int special = SmscloudsLimits.firstSpecialCharacter(filledIn);
        String specialAt = special < 0 ? null
                : "'" + Character.toString(filledIn.codePointAt(special)) + "' at " + (special + 1);
        if (this == gsm && special >= 0) {
            throw new IllegalArgumentException("has accents or special characters (" + specialAt + "), which need"
                                               + " encode; encoding=gsm sends none");
        }
        if (this == unicode || special >= 0) {
            if (length <= SmscloudsLimits.MAX_TEXT_ENCODE) {
                return new Flags(true, false, false, false, new SmsText(TextEncoding.UCS2, length, 1));
            }
            if (length <= SmscloudsLimits.MAX_TEXT_ENCODE_2) {
                return new Flags(false, true, false, false, new SmsText(TextEncoding.UCS2, length, 2));
            }
            if (length <= SmscloudsLimits.MAX_TEXT_ENCODE_3) {
                return new Flags(false, false, true, false, new SmsText(TextEncoding.UCS2, length, 3));
            }
            String why = special >= 0 ? "with accents or special characters (" + specialAt + ")" : "(encoding=unicode)";
            throw new IllegalArgumentException(length + " characters " + why + ", at most "
                                               + SmscloudsLimits.MAX_TEXT_ENCODE_3 + " (encode_3)");
        }
        if (length <= SmscloudsLimits.MAX_TEXT) {
            return new Flags(false, false, false, false, new SmsText(TextEncoding.GSM7, length, 1));
        }
        if (length <= SmscloudsLimits.MAX_TEXT_LONG_MESSAGE) {
            return new Flags(false, false, false, true, new SmsText(TextEncoding.GSM7, length, 2));
        }
        throw new IllegalArgumentException(length + " characters, at most " + SmscloudsLimits.MAX_TEXT_LONG_MESSAGE
                                           + " (long_message)");
    }
}
