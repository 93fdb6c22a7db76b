package io.camelsms.webcom;

/** Operations of {@code webcom:}. */
public enum WebcomOperation {
    /** {@code POST /json}: SMS, Viber or Flash SMS, grouped into {@code message} entries. */
    send,
    /** {@code POST /json/state.php}: the state of one or many {@code id_sms}. */
    status,
    /** {@code POST /json/balance.php}: money and per-area message counts. */
    balance,
    /** Consumer: the status webhook the platform POSTs state changes to. */
    dlr
}
