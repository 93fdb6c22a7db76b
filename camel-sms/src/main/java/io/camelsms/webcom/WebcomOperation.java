package io.camelsms.webcom;

/** Operations of {@code webcom:}. */
public enum WebcomOperation {
    /** {@code POST /json}: SMS or Viber, grouped into {@code message} entries. */
    send,
    /** {@code POST /json/state.php}: the state of one or many {@code id_sms}. */
    status,
    /** {@code POST /json/balance.php}: money and per-area message counts. */
    balance,
    /**
     * Consumer: one {@code DeliveryReport} per state change. {@code dlrMode=push} (default): the status webhook the
     * platform POSTs changes to; {@code dlrMode=poll}: {@code state.php} asked on a schedule about the open messages
     * of the tracking store.
     */
    dlr
}
