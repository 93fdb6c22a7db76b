package io.camelsms.painel.model;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The callback's {@code data_callback}: {@code codigo_campanha;celular;resposta;data_resposta;status;interno_key}.
 *
 * @param codigoCampanha the campaign id sendsms returned (an integer, per the manual)
 * @param celular        the handset's number
 * @param resposta       the handset's reply; empty for a delivery update
 * @param dataResposta   when the reply was received ({@code yyyy-MM-dd HH:mm:ss}, the account's local time); null
 *                       when the field is empty
 * @param status         the delivery status text
 * @param internoKey     the reference passed at sendsms (the manual does not say which parameter sets it)
 */
public record PainelCallbackData(String codigoCampanha, String celular, String resposta, LocalDateTime dataResposta,
                                 String status, String internoKey) {

    public static final int FIELDS = 6;
    /** Compiled once: every callback is checked against them. */
    private static final Pattern INTEGER = Pattern.compile("\\d+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d{8,15}");

    /**
     * Parses strictly. A reply may itself hold {@code ;}: the first two fields and the last three are fixed, so
     * whatever lies between is the reply.
     *
     * @throws IllegalArgumentException naming the fault
     */
    public static PainelCallbackData parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("data_callback is empty");
        }
        String[] parts = raw.split(";", -1);
        if (parts.length < FIELDS) {
            throw new IllegalArgumentException("data_callback has " + parts.length + " fields, expected " + FIELDS
                    + " (codigo_campanha;celular;resposta;data_resposta;status;interno_key)");
        }
        int last = parts.length;
        String codigo = parts[0].strip();
        String celular = parts[1].strip();
        String resposta = String.join(";", Arrays.copyOfRange(parts, 2, last - 3));
        String dataResposta = parts[last - 3].strip();
        String status = parts[last - 2].strip();
        String internoKey = parts[last - 1].strip();
        if (!INTEGER.matcher(codigo).matches()) {
            throw new IllegalArgumentException("codigo_campanha '" + codigo + "' is not an integer");
        }
        if (!PHONE.matcher(celular).matches()) {
            throw new IllegalArgumentException("celular '" + celular + "' is not a phone number");
        }
        LocalDateTime receivedAt = null;
        if (!dataResposta.isEmpty()) {
            try {
                receivedAt = LocalDateTime.parse(dataResposta, PainelApi.DATA_RESPOSTA_FORMAT);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("data_resposta '" + dataResposta + "' is not yyyy-MM-dd HH:mm:ss");
            }
        }
        if (resposta.isEmpty() && status.isEmpty()) {
            throw new IllegalArgumentException("data_callback carries neither a reply (resposta) nor a status");
        }
        return new PainelCallbackData(codigo, celular, resposta, receivedAt, status, internoKey);
    }

    public boolean isReply() {
        return !resposta.isEmpty();
    }
}
