package io.camelsms.smsclouds;

import java.util.List;

import io.camelsms.core.DeliveryReport;
import io.camelsms.smsclouds.model.CampaignMessages;

/**
 * The body after {@code smsclouds:campaignStatus}: the provider's reply as it came, and one {@link DeliveryReport}
 * per message with the normalised status (the raw one kept in {@code rawStatus}).
 */
public record CampaignStatusResult(CampaignMessages campaign, List<DeliveryReport> reports) {

    public CampaignStatusResult {
        reports = List.copyOf(reports);
    }
}
