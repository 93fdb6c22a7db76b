package io.camelsms.smsclouds;

/** Operations of {@code smsclouds:}: producer calls of the Smsclouds API V3, and the consumers. */
public enum SmscloudsOperation {
    /** POST /api/v3/campaign: send SMS, split into campaigns of batchSize recipients. */
    send(true, false),
    /** POST /api/v3/smsclic/campaign: send SMS with a tracked short link ({@code url}). */
    sendClic(true, false),
    /** GET /api/v3/campaign/{id}/messages: a campaign's status and each message's delivery status. */
    campaignStatus(true, false),
    /** Producer: POST /api/v3/responses, the MOs of one query. Consumer: polls it by a moving date window. */
    responses(true, true),
    /** GET /api/v1/user: the account and its credit. */
    user(true, false),
    /** GET /api/v3/user/routes: the route ids the account may send with. */
    routes(true, false),
    /** GET /api/v3/user/countries: the country ids the account may send to. */
    countries(true, false),
    /** POST /api/v1/email: an email campaign. */
    email(true, false),
    /** POST /api/v3/voice: a voice (blaster / RoboCall) campaign. */
    voice(true, false),
    /** GET /api/v3/voice/{id}: a voice campaign's status. */
    voiceStatus(true, false),
    /** POST /api/v3/voice/{id}/cancel: cancel a queued voice campaign. */
    voiceCancel(true, false),
    /** GET /api/v3/hlr/{number}: HLR lookup of a 10-digit Mexican number. */
    hlr(true, false),
    /** Consumer: the MO push (GET response, cellphone, message_id, date), answered "ok". */
    inbound(false, true),
    /** Consumer: keyword auto-response (GET response, cellphone, keyword, date), answered with the reply text. */
    keyword(false, true),
    /**
     * Consumer: delivery reports of tracked messages. Polls GET /api/v3/campaign/{id}/messages for each campaign
     * of the tracking store with open messages and emits one report per status change; needs a tracking store.
     */
    dlr(false, true);

    private final boolean producer;
    private final boolean consumer;

    SmscloudsOperation(boolean producer, boolean consumer) {
        this.producer = producer;
        this.consumer = consumer;
    }

    public boolean isProducer() {
        return producer;
    }

    public boolean isConsumer() {
        return consumer;
    }
}
