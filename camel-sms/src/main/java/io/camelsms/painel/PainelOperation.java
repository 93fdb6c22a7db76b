package io.camelsms.painel;

import io.camelsms.painel.model.PainelApi;

/** Operations of {@code painel:}: five producer actions, the callback consumer and the dlr polling consumer. */
public enum PainelOperation {
    /** {@code sendsms}: one campaign per distinct text and schedule, split by URL length. */
    send(PainelApi.SENDSMS),
    /** {@code getstatus}: one DeliveryReport per message of a campaign; once a minute per account. */
    status(PainelApi.GETSTATUS),
    /** {@code getbalance}: the account's balance; once a minute per account. */
    balance(PainelApi.GETBALANCE),
    /** {@code holdsms}: stop a campaign. */
    hold(PainelApi.HOLDSMS),
    /** {@code releasesms}: let a held campaign go. */
    release(PainelApi.RELEASESMS),
    /** Consumer: the delivery/reply callback the panel calls on {@code url_callback}. */
    callback(null),
    /**
     * Consumer: delivery reports of tracked messages, polled with {@code getstatus} per open campaign of the
     * account, one campaign per allowed call (once a minute), least recently checked first.
     */
    dlr(PainelApi.GETSTATUS);

    private final String action;

    PainelOperation(String action) {
        this.action = action;
    }

    /** The panel's {@code action}, or null for the callback. */
    public String action() {
        return action;
    }

    /** Whether it is a consumer (callback, dlr). */
    public boolean consumer() {
        return this == callback || this == dlr;
    }

    /** Whether the manual allows it only once a minute per account. */
    public boolean rateLimited() {
        return this == status || this == balance || this == dlr;
    }
}
