package io.camelsms.smsclouds;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.DeliveryReport;
import io.camelsms.smsclouds.model.CampaignMessages;
import io.camelsms.smsclouds.model.ErrorCode;
import io.camelsms.tracking.DeliveryStatusSource;
import io.camelsms.tracking.TrackingStore;

/**
 * {@code smsclouds:dlr}'s status query: one {@code GET /api/v3/campaign/{id}/messages} per campaign of the account
 * that still has open messages in the tracking store, so a poll costs one call per open campaign, whatever else the
 * store holds. The reports carry the campaign id the producer recorded (the campaign of the send) and the cellphone
 * as sent, which is how the tracker finds each message (the campaign reply gives no message ids at send time).
 */
final class SmscloudsDeliveryStatusSource implements DeliveryStatusSource {

    private static final Logger LOG = LoggerFactory.getLogger(SmscloudsDeliveryStatusSource.class);

    private final SmscloudsClient client;
    private final SmscloudsDates dates;

    SmscloudsDeliveryStatusSource(SmscloudsConfiguration configuration) {
        this.client = new SmscloudsClient(configuration);
        this.dates = new SmscloudsDates(configuration.getTimeZone());
    }

    @Override
    public List<DeliveryReport> fetch(TrackingStore store, String account) throws Exception {
        List<DeliveryReport> reports = new ArrayList<>();
        for (String campaignId : store.openCampaigns(SmscloudsProducer.PROVIDER, account)) {
            CampaignMessages campaign;
            try {
                campaign = client.get(SmscloudsProducer.campaignMessagesPath(campaignId), CampaignMessages.class);
            } catch (SmscloudsException e) {
                if (e.getHttpStatus() != ErrorCode.NOT_FOUND.status()) {
                    throw e; // nothing is recorded: the next poll asks again
                }
                // a campaign the provider no longer knows cannot change: its messages wait for trackingMaxAge
                LOG.warn("smsclouds:dlr: campaign {} is unknown to the provider ({}); its messages expire after"
                         + " trackingMaxAge", campaignId, e.getMeaning());
                continue;
            }
            reports.addAll(SmscloudsProducer.reports(campaign, campaignId, dates));
        }
        return reports;
    }
}
