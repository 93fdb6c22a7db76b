package io.camelsms.smsway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.camelsms.core.DeliveryReport;
import io.camelsms.smsway.model.SmswayLastRequest;
import io.camelsms.smsway.model.SmswaySms;
import io.camelsms.tracking.DeliveryStatusSource;
import io.camelsms.tracking.TrackedMessage;
import io.camelsms.tracking.TrackingStore;

/**
 * {@code smsway:dlr}'s status query: one smsgetlast call for the latest {@value SmswayLastRequest#MAX_QTY}
 * messages, matched to the account's open messages with {@link SmswayStatusMatch}. SmsWay has no status query by
 * message, so a message sent more than 100 messages ago is no longer seen; it stays open until it expires.
 */
final class SmswayDeliveryStatusSource implements DeliveryStatusSource {

    /**
     * Open messages read per poll, oldest first. Only the latest 100 can match, so more open messages than this
     * means most of them have fallen out of smsgetlast's reach and wait for expiry (see the docs' polling advice).
     */
    static final int OPEN_MESSAGES_PER_POLL = 10_000;

    private final SmswayApi api;
    private final SmswayStatusMatch match;

    SmswayDeliveryStatusSource(SmswayApi api, SmswayStatusMatch match) {
        this.api = api;
        this.match = match;
    }

    @Override
    public List<DeliveryReport> fetch(TrackingStore store, String account) throws Exception {
        List<TrackedMessage> open = store.openMessages(SmswayApi.PROVIDER, account, OPEN_MESSAGES_PER_POLL);
        if (open.isEmpty()) {
            return List.of(); // nothing to follow: no call
        }
        List<SmswaySms> entries = api.last(SmswayLastRequest.MAX_QTY);
        Map<String, TrackedMessage> byId = open.stream().filter(m -> m.providerMessageId() != null)
                .collect(Collectors.toMap(TrackedMessage::providerMessageId, Function.identity(), (a, b) -> b));
        List<DeliveryReport> reports = new ArrayList<>();
        match.pair(byId.keySet(), entries).forEach((id, entry) ->
                reports.add(SmswayProducer.report(entry, id, byId.get(id).recipient())));
        return reports;
    }
}
