package io.camelsms.smsway;

/** The provider's 160-character cut, done the same way wherever we need to know what it keeps. */
final class SmswayTexts {

    private SmswayTexts() {
    }

    /** The first {@code max} characters, one fewer if the cut would split a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
