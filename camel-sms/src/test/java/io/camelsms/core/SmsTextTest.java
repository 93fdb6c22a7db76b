package io.camelsms.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmsTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "160 GSM characters fit one part       | GSM7 | 160 | 160 | 1",
        "161 GSM characters need two parts     | GSM7 | 161 | 161 | 2",
        "306 GSM characters need two parts     | GSM7 | 306 | 306 | 2",
        "307 GSM characters need three parts   | GSM7 | 307 | 307 | 3",
    })
    void gsmTextIsCountedInSeptets(String name, TextEncoding encoding, int length, int units, int segments) {
        assertEquals(new SmsText(encoding, units, segments), SmsText.of("a".repeat(length)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "80 euro signs are 160 septets         | €  | 80 | GSM7 | 160 | 1",
        "81 euro signs are 162 septets         | €  | 81 | GSM7 | 162 | 2",
        "70 ü (in GSM-7) fit one part          | ü  | 70 | GSM7 | 70  | 1",
        "lower-case ç is not GSM-7 (only Ç is)  | ç  | 70 | UCS2 | 70  | 1",
        "71 cyrillic characters need two parts | д  | 71 | UCS2 | 71  | 2",
        "70 cyrillic characters fit one part   | д  | 70 | UCS2 | 70  | 1",
        "134 cyrillic characters: two parts    | д  | 134| UCS2 | 134 | 2",
        "135 cyrillic characters: three parts  | д  | 135| UCS2 | 135 | 3",
        "an emoji is two UTF-16 units          | 😀 | 35 | UCS2 | 70  | 1",
    })
    void extensionAndUnicodeCharacters(String name, String c, int times, TextEncoding encoding, int units,
                                       int segments) {
        assertEquals(new SmsText(encoding, units, segments), SmsText.of(c.repeat(times)));
    }

    @ParameterizedTest
    @CsvSource({"'Olá, tudo bem?',UCS2", "'Hello {name} [1]',GSM7", "'Ärger über Öl',GSM7", "'ã',UCS2"})
    void encodingIsDetected(String text, TextEncoding expected) {
        assertEquals(expected, SmsText.of(text).encoding());
    }
}
