package io.camelsms.smsclouds;

import org.apache.camel.spi.Metadata;

import io.camelsms.core.SmsHeaders;

/** Headers of {@code smsclouds:} beyond the shared ones. */
public final class SmscloudsConstants extends SmsHeaders {

    @Metadata(label = "producer", description = "send/sendClic: the campaign's route id, instead of the route option.",
              javaType = "Integer")
    public static final String ROUTE = "CamelSmscloudsRoute";
    @Metadata(label = "producer", description = "send/sendClic: the campaign's country id, instead of the country"
                                                + " option.", javaType = "Integer")
    public static final String COUNTRY = "CamelSmscloudsCountry";
    @Metadata(label = "producer", description = "send/sendClic: campaign_name, instead of the campaignName option.",
              javaType = "String")
    public static final String CAMPAIGN_NAME = "CamelSmscloudsCampaignName";
    @Metadata(label = "producer", description = "send/sendClic: scheduled_date (YYYY-MM-DD HH:mm:ss), instead of the"
                                                + " scheduledDate option; a message's scheduleAt wins.",
              javaType = "String")
    public static final String SCHEDULED_DATE = "CamelSmscloudsScheduledDate";
    @Metadata(label = "producer", description = "sendClic: the url (link) id, instead of the url option.",
              javaType = "String")
    public static final String URL = "CamelSmscloudsUrl";
    @Metadata(label = "producer", description = "send/sendClic/voice: the balance the provider reported after the"
                                                + " (last) campaign.", javaType = "Double")
    public static final String BALANCE = "CamelSmscloudsBalance";
    @Metadata(label = "producer", description = "campaignStatus: campaign_status (inserting, inserted, canceled,"
                                                + " paused, updating, unknown).", javaType = "String")
    public static final String CAMPAIGN_STATUS = "CamelSmscloudsCampaignStatus";
    @Metadata(label = "producer", description = "campaignStatus: the campaign's percentage (0 queued, 100 complete).",
              javaType = "Integer")
    public static final String PERCENTAGE = "CamelSmscloudsPercentage";
    @Metadata(label = "consumer", description = "keyword: the keyword the platform matched.", javaType = "String")
    public static final String KEYWORD = "CamelSmscloudsKeyword";
    @Metadata(label = "consumer", description = "responses consumer: the MO's received_id.", javaType = "Long")
    public static final String RECEIVED_ID = "CamelSmscloudsReceivedId";

    private SmscloudsConstants() {
    }
}
