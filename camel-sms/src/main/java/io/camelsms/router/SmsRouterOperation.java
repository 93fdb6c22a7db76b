package io.camelsms.router;

/** Operations of {@code sms:}. */
public enum SmsRouterOperation {
    /** Producer: send each message through the provider its routing rule names, failing over where safe. */
    send,
    /**
     * Consumer: the delivery reports of every provider the rules name that has a {@code <scheme>:dlr} consumer, one
     * stream, each report carrying the provider that took the message.
     */
    dlr,
    /**
     * Consumer: the replies (MO) of every provider the rules name that pushes them on their own (smsclouds), one
     * stream, each {@code InboundMessage} carrying its provider.
     */
    inbound
}
