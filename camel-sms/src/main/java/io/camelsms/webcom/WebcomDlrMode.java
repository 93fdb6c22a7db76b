package io.camelsms.webcom;

/** How {@code webcom:dlr} learns of state changes. */
public enum WebcomDlrMode {
    /** The platform POSTs changes to the status webhook (a URL it can reach, set in its panel). */
    push,
    /** camel-sms asks {@code state.php} on Camel's schedule about the open messages in the tracking store. */
    poll
}
