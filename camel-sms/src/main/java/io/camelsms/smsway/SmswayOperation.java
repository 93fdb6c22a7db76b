package io.camelsms.smsway;

/** Operations of {@code smsway:}, each one call of the SmsWay remote API under {@code {baseUrl}/remote}. */
public enum SmswayOperation {
    /** {@code POST /remote/smssend}: one message per call; a list is sent one call per recipient, within quota. */
    send("POST", "smssend"),
    /** {@code GET /remote/smsgetlast} with {@code {"qty": n}}: the latest messages and their states. */
    last("GET", "smsgetlast"),
    /** {@code GET /remote/userinfo}: the account's settings. */
    userinfo("GET", "userinfo"),
    /** {@code POST /remote/updateuserinfo}: change only the settings given. */
    updateUserinfo("POST", "updateuserinfo"),
    /**
     * Consumer: delivery tracking. Polls {@code GET /remote/smsgetlast} for the latest 100 messages and emits one
     * {@code DeliveryReport} per status change of the account's open tracked messages, matched by
     * {@link SmswayStatusMatch}. Needs a tracking store.
     */
    dlr("GET", "smsgetlast");

    private final String method;
    private final String call;

    SmswayOperation(String method, String call) {
        this.method = method;
        this.call = call;
    }

    public String method() {
        return method;
    }

    /** The document's name of the call, also the last path segment. */
    public String call() {
        return call;
    }
}
