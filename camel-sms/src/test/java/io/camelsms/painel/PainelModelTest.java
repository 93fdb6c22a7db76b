package io.camelsms.painel;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.painel.model.PainelCallbackData;
import io.camelsms.painel.model.PainelStatusLine;
import io.camelsms.painel.model.PainelStatusText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getstatus lines and data_callback, parsed as the manual and public clients describe them. */
class PainelModelTest {

    private static final String LINE = "\"501\";\"1001\";\"24/12/2026 16:00:00\";\"\";\"24/12/2026 16:00:05\";\"\";"
            + "\"sucesso\";\"\";\"\";\"VIVO\";\"31999999999\";\"\";\"Oi; \"\"tudo\"\" bem?\"";

    @Test
    void quotedFieldsMayHoldSemicolonsQuotesAndLineBreaks() {
        String second = "\"502\";\"1001\";\"\";\"\";\"\";\"\";\"Aguardando Envio\";\"\";\"\";\"\";\"3188887777\";\"\";"
                + "\"linha 1\r\nlinha 2;\"";
        List<PainelStatusLine> lines = PainelStatusLine.parseAll(LINE + "\r\n" + second + "\r\n\r\n");

        assertEquals(2, lines.size());
        PainelStatusLine first = lines.get(0);
        assertEquals("501", first.messageId());
        assertEquals("24/12/2026 16:00:00", first.queuedAt());
        assertEquals("24/12/2026 16:00:05", first.deliveredAt());
        assertEquals("sucesso", first.status());
        assertEquals("VIVO", first.carrier());
        assertEquals("31999999999", first.mobile());
        assertEquals("Oi; \"tudo\" bem?", first.message());
        assertEquals(13, first.columns().size());
        assertEquals("linha 1\r\nlinha 2;", lines.get(1).message());
    }

    @Test
    void unquotedFieldsAndAnEmptyBlockAreAccepted() {
        assertEquals(List.of(), PainelStatusLine.parseAll(""));
        assertEquals(List.of(), PainelStatusLine.parseAll(null));
        PainelStatusLine line = PainelStatusLine.parseAll("1;2;3;4;5;6;sucesso;8;9;TIM;31999999999;12;").get(0);
        assertEquals("", line.message());
        assertEquals("TIM", line.carrier());
    }

    @Test
    void brokenLinesAreRefusedNamingTheLine() {
        IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
                () -> PainelStatusLine.parseAll(LINE + "\n\"1\";\"2\""));
        assertEquals("line 2: 2 fields, the panel's lines have 13", columns.getMessage());
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> PainelStatusLine.parseAll("\"1;2"));
        assertTrue(open.getMessage().contains("not closed"), open.getMessage());
        IllegalArgumentException after = assertThrows(IllegalArgumentException.class,
                () -> PainelStatusLine.parseAll("\"1\"x;2"));
        assertTrue(after.getMessage().contains("after a closing quote"), after.getMessage());
    }

    @Test
    void statusTextsMapWithoutCaseOrAccentsAndUnknownOnesStayUnknown() {
        assertEquals(DeliveryStatus.QUEUED, PainelStatusText.statusOf("Aguardando Envio"));
        assertEquals(DeliveryStatus.DELIVERED, PainelStatusText.statusOf(" SUCESSO "));
        assertEquals(DeliveryStatus.FAILED, PainelStatusText.statusOf("Número inválido"));
        assertEquals(DeliveryStatus.FAILED, PainelStatusText.statusOf("não cadastrado"));
        assertEquals(DeliveryStatus.UNKNOWN, PainelStatusText.statusOf("em rota"));
    }

    @Test
    void dataCallbackIsParsedStrictly() {
        PainelCallbackData delivery = PainelCallbackData.parse("1001;31999999999;;2026-12-24 16:00:05;sucesso;");
        assertEquals("1001", delivery.codigoCampanha());
        assertEquals(LocalDateTime.of(2026, 12, 24, 16, 0, 5), delivery.dataResposta());
        assertEquals(false, delivery.isReply());

        PainelCallbackData reply = PainelCallbackData.parse("1001;31999999999;Sim; quero;2026-12-24 16:10:00;sucesso;k1");
        assertEquals("Sim; quero", reply.resposta());
        assertEquals("k1", reply.internoKey());

        for (String bad : List.of("", "1001;31999999999;oi", "abc;31999999999;;;sucesso;",
                "1001;;;;sucesso;", "1001;31999999999;oi;24/12/2026 16:00;sucesso;", "1001;31999999999;;;;")) {
            assertThrows(IllegalArgumentException.class, () -> PainelCallbackData.parse(bad), bad);
        }
    }
}
