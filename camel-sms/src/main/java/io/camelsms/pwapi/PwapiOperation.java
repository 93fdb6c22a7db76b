package io.camelsms.pwapi;

/** Operations of {@code pwapi:}, each one PW-API {@code function}. */
public enum PwapiOperation {
    /** {@code SEND_MESSAGE}: send one message or many, split at 20,000 per request. */
    send("SEND_MESSAGE");

    private final String function;

    PwapiOperation(String function) {
        this.function = function;
    }

    public String function() {
        return function;
    }
}
