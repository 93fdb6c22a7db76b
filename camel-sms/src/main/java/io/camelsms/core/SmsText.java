package io.camelsms.core;

/**
 * The cost of a text: which alphabet it needs, its length in that alphabet's units, and how many SMS parts.
 *
 * @param encoding GSM-7 when every character is in the GSM default alphabet or its extension table, else UCS-2
 * @param units    septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2
 * @param segments SMS parts needed (0 for an empty text)
 */
public record SmsText(TextEncoding encoding, int units, int segments) {

    private static final String GSM7_BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";
    /** Septets per character (1 basic, 2 extension, 0 not GSM-7), built once: one array read per character. */
    private static final byte[] SEPTETS = new byte[Character.MAX_VALUE + 1];

    static {
        GSM7_EXTENSION.chars().forEach(c -> SEPTETS[c] = 2);
        GSM7_BASIC.chars().forEach(c -> SEPTETS[c] = 1);
    }

    /** The last text measured and its cost: a bulk send's messages mostly share one text, the same String. */
    private static volatile Measured last = new Measured("", new SmsText(TextEncoding.GSM7, 0, 0));

    private record Measured(String text, SmsText cost) {
    }

    public static SmsText of(String text) {
        Measured memo = last;
        if (memo.text() == text) { // the same object, so the same characters
            return memo.cost();
        }
        SmsText cost = measure(text);
        if (text != null) {
            last = new Measured(text, cost);
        }
        return cost;
    }

    private static SmsText measure(String text) {
        if (text == null || text.isEmpty()) {
            return new SmsText(TextEncoding.GSM7, 0, 0);
        }
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = SEPTETS[text.charAt(i)];
            if (cost == 0) {
                return sized(TextEncoding.UCS2, text.length());
            }
            septets += cost;
        }
        return sized(TextEncoding.GSM7, septets);
    }

    private static SmsText sized(TextEncoding encoding, int units) {
        int segments = units <= encoding.singlePartLimit()
                ? 1
                : (units + encoding.multiPartLimit() - 1) / encoding.multiPartLimit();
        return new SmsText(encoding, units, segments);
    }
}
