package io.camelsms.painel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.camelsms.core.DeliveryReport;
import io.camelsms.painel.model.PainelApi;
import io.camelsms.tracking.DeliveryStatusSource;
import io.camelsms.tracking.TrackingStore;

/**
 * {@code painel:dlr}'s question to the panel: getstatus of the account's open campaigns, within the manual's
 * once a minute per account. A poll queries as many campaigns as the limit lets it (one a minute: one campaign),
 * least recently checked first, so every open campaign gets its turn; a poll that finds the minute taken asks
 * nothing and is no error. The price: a campaign's status is up to one minute per open campaign old.
 */
final class PainelDeliveryStatusSource implements DeliveryStatusSource {

    private final PainelClient client;
    /** When each open campaign was last asked about; forgotten once the campaign is closed (memory only). */
    private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();

    PainelDeliveryStatusSource(PainelClient client) {
        this.client = client;
    }

    @Override
    public List<DeliveryReport> fetch(TrackingStore store, String account) {
        List<DeliveryReport> reports = new ArrayList<>();
        if (!client.querySlotFree(PainelApi.GETSTATUS)) {
            return reports; // the store is not even read while the minute runs
        }
        List<String> open = store.openCampaigns(PainelProducer.PROVIDER, account);
        lastChecked.keySet().retainAll(new HashSet<>(open));
        for (String campaign : leastRecentlyCheckedFirst(open)) {
            if (!client.tryTakeQuerySlot(PainelApi.GETSTATUS)) {
                break;
            }
            // marked before the call: a campaign the panel refuses must not keep the others waiting
            lastChecked.put(campaign, client.now());
            reports.addAll(client.statusInSlot(campaign).reports());
        }
        return reports;
    }

    /** Never-checked campaigns first (in the store's order), then the ones checked longest ago. */
    private List<String> leastRecentlyCheckedFirst(List<String> open) {
        List<String> order = new ArrayList<>(open);
        order.sort(Comparator.comparing((String c) -> lastChecked.getOrDefault(c, Instant.MIN)));
        return order;
    }
}
