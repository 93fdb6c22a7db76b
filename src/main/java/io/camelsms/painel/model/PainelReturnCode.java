package io.camelsms.painel.model;

/**
 * What a panel reply means. The manual documents no error codes: a reply is a success ({@code status} 1), a
 * refusal ({@code status} anything else, {@code msg} saying why, e.g. "falha ao realizar login"), or the plain
 * text {@code 0:OPERACAO INVALIDA}. None is worth repeating as is: the panel answers the same again.
 * Transport failures (HTTP 5xx, timeouts) are retryable and handled by the transport.
 */
public enum PainelReturnCode {
    SUCCESS("1", "Success", false),
    REFUSED("status", "The panel refused the request", false),
    INVALID_OPERATION(PainelApi.INVALID_OPERATION_TEXT, "Operation not valid (unknown action)", false);

    private final String code;
    private final String meaning;
    private final boolean retryable;

    PainelReturnCode(String code, String meaning, boolean retryable) {
        this.code = code;
        this.meaning = meaning;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public boolean retryable() {
        return retryable;
    }
}
