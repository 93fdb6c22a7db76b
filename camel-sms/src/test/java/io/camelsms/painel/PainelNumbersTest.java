package io.camelsms.painel;

import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.painel.model.PainelStatusText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reported numbers and status texts in the one spelling tracking matches them by. */
class PainelNumbersTest {

    @Test
    void reportedNumbersAreWrittenAsSendRecordedThem() {
        assertEquals("31999999999", PainelNumbers.asRecorded("31999999999", "BR"));
        assertEquals("31999999999", PainelNumbers.asRecorded("5531999999999", "BR"), "country code dropped");
        assertEquals("31999999999", PainelNumbers.asRecorded("+55 (31) 99999-9999", "BR"));
        assertEquals("55999999999", PainelNumbers.asRecorded("55999999999", "BR"), "area code 55, not a country code");
        assertEquals("5531999999999", PainelNumbers.asRecorded("5531999999999", null), "no region: digits as given");
        assertNull(PainelNumbers.asRecorded(" ", "BR"));
    }

    @Test
    void knownStatusTextsHaveOneSpellingUnknownOnesStayAsWritten() {
        assertEquals("sucesso", PainelStatusText.canonical(" Sucesso"));
        assertEquals("numero invalido", PainelStatusText.canonical("Número  inválido"));
        assertEquals("Entregue ao aparelho", PainelStatusText.canonical(" Entregue ao aparelho "));
        assertEquals(DeliveryStatus.UNKNOWN, PainelStatusText.statusOf("Entregue ao aparelho"));
    }
}
