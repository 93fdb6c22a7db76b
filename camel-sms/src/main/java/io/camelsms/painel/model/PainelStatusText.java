package io.camelsms.painel.model;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import io.camelsms.core.DeliveryStatus;

/**
 * The status texts public clients show in getstatus lines and callbacks, compared without case, accents or
 * surrounding blanks ("Número inválido" is {@link #NUMERO_INVALIDO}). Any other text maps to
 * {@link DeliveryStatus#UNKNOWN}, the raw text kept beside it.
 */
public enum PainelStatusText {
    AGUARDANDO_ENVIO("aguardando envio", DeliveryStatus.QUEUED),
    SUCESSO("sucesso", DeliveryStatus.DELIVERED),
    NUMERO_INVALIDO("numero invalido", DeliveryStatus.FAILED),
    NAO_CADASTRADO("nao cadastrado", DeliveryStatus.FAILED);

    /** Compiled once: every callback and status line is normalised. */
    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private final String text;
    private final DeliveryStatus status;

    PainelStatusText(String text, DeliveryStatus status) {
        this.text = text;
        this.status = status;
    }

    public String text() {
        return text;
    }

    public DeliveryStatus status() {
        return status;
    }

    /** The normalised status of a raw text; UNKNOWN for a text not listed here. */
    public static DeliveryStatus statusOf(String raw) {
        if (raw == null) {
            return DeliveryStatus.UNKNOWN;
        }
        String key = normalise(raw);
        return Arrays.stream(values()).filter(s -> s.text.equals(key)).map(PainelStatusText::status).findFirst()
                .orElse(DeliveryStatus.UNKNOWN);
    }

    /**
     * The raw status as reported on a DeliveryReport: a known text in its listed spelling, whatever its case and
     * accents (getstatus and the callback may write "Sucesso" and "sucesso": one status, reported once); any
     * other text as the panel wrote it, without surrounding blanks.
     */
    public static String canonical(String raw) {
        if (raw == null) {
            return "";
        }
        String key = normalise(raw);
        return Arrays.stream(values()).map(PainelStatusText::text).filter(key::equals).findFirst()
                .orElse(raw.strip());
    }

    static String normalise(String raw) {
        String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFD);
        return BLANKS.matcher(MARKS.matcher(decomposed).replaceAll("").strip()).replaceAll(" ")
                .toLowerCase(Locale.ROOT);
    }
}
