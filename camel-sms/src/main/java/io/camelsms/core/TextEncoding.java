package io.camelsms.core;

/** The alphabet an SMS text needs on the air interface. */
public enum TextEncoding {
    /** GSM 03.38 default alphabet: 160 characters in one part, 153 per part when split. */
    GSM7(160, 153),
    /** UTF-16: 70 code units in one part, 67 per part when split. */
    UCS2(70, 67);

    private final int singlePartLimit;
    private final int multiPartLimit;

    TextEncoding(int singlePartLimit, int multiPartLimit) {
        this.singlePartLimit = singlePartLimit;
        this.multiPartLimit = multiPartLimit;
    }

    public int singlePartLimit() {
        return singlePartLimit;
    }

    public int multiPartLimit() {
        return multiPartLimit;
    }
}
