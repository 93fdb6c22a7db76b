package io.camelsms.smsway;

import java.util.regex.Pattern;

/**
 * The text as the provider wants it and keeps it: line breaks as {@code \r\n}, cut at 160 characters, done the same
 * way wherever we need to know what it keeps.
 */
final class SmswayTexts {

    /** Any line break: a {@code \r\n} pair, or a lone {@code \r} or {@code \n}. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    static final String CRLF = "\r\n";

    private SmswayTexts() {
    }

    /**
     * "For carriage return use the sequence \r\n": every bare {@code \n} and lone {@code \r} becomes {@code \r\n}.
     * The provider's 160-character count then sees each line break as two characters.
     */
    static String withCrlf(String text) {
        return text == null ? null : LINE_BREAK.matcher(text).replaceAll(CRLF);
    }

    /**
     * The first {@code max} characters, one fewer if the cut would split a surrogate pair or a {@code \r\n} (so no
     * lone {@code \r} is sent).
     */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        char last = text.charAt(max - 1);
        boolean splitsPair = Character.isHighSurrogate(last) || (last == '\r' && text.charAt(max) == '\n');
        return text.substring(0, splitsPair ? max - 1 : max);
    }
}
