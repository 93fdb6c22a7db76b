package io.camelsms.painel.model;

import io.camelsms.core.SmsProviderException.Failure;

/**
 * What a panel reply means. The manual documents no error codes: a reply is a success ({@code status} 1), a
 * refusal ({@code status} anything else, {@code msg} saying why, e.g. "falha ao realizar login"), or the plain
 * text {@code 0:OPERACAO INVALIDA}. Both are refusals for good: the panel did not act and answers the same again.
 * The manual documents no HTTP error status, so any other status is an unknown outcome (see {@code HttpReply}).
 */
public enum PainelReturnCode {
    SUCCESS("1", "Success", null),
    REFUSED("status", "The panel refused the request", Failure.REFUSED),
    INVALID_OPERATION(PainelApi.INVALID_OPERATION_TEXT, "Operation not valid (unknown action)", Failure.REFUSED);

    private final String code;
    private final String meaning;
    private final Failure failure;

    PainelReturnCode(String code, String meaning, Failure failure) {
        this.code = code;
        this.meaning = meaning;
        this.failure = failure;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** What the reply says about the request; null for success. */
    public Failure failure() {
        return failure;
    }
}
