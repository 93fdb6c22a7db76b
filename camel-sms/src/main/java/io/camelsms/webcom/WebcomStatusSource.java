package io.camelsms.webcom;

import java.util.ArrayList;
import java.util.List;

import io.camelsms.core.Batches;
import io.camelsms.core.DeliveryReport;
import io.camelsms.tracking.DeliveryStatusSource;
import io.camelsms.tracking.TrackedMessage;
import io.camelsms.tracking.TrackingStore;
import io.camelsms.webcom.model.WebcomStatusRequest;

/**
 * {@code webcom:dlr?dlrMode=poll}: asks {@code state.php} about the account's open messages only (the {@code id_sms}
 * the producer recorded), {@value WebcomStatusRequest#IDS_PER_CALL} ids a call, so a poll costs what is open and
 * nothing for the messages that already have a final state.
 */
final class WebcomStatusSource implements DeliveryStatusSource {

    /**
     * Open messages asked about per poll, oldest first (20 calls). More open messages than this are reached as the
     * older ones become final or expire.
     */
    static final int OPEN_MESSAGES_PER_POLL = 20 * WebcomStatusRequest.IDS_PER_CALL;

    private final WebcomApi api;

    WebcomStatusSource(WebcomApi api) {
        this.api = api;
    }

    @Override
    public List<DeliveryReport> fetch(TrackingStore store, String account) throws Exception {
        List<String> ids = store.openMessages(WebcomApi.PROVIDER, account, OPEN_MESSAGES_PER_POLL).stream()
                .map(TrackedMessage::providerMessageId).filter(id -> id != null && !id.isBlank()).distinct().toList();
        List<DeliveryReport> reports = new ArrayList<>(ids.size());
        for (List<String> batch : Batches.of(ids, WebcomStatusRequest.IDS_PER_CALL)) {
            reports.addAll(api.states(batch, false));
        }
        return reports;
    }
}
