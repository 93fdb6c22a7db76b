package io.camelsms.smsclouds;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.smsclouds.model.SmscloudsLimits;

/** Options of {@code smsclouds:} endpoints; set on the component to apply to every endpoint. */
@UriParams
public class SmscloudsConfiguration extends SmsConsumerConfiguration {

    @UriPath(description = "The operation to perform (producer) or the events to receive (consumer: inbound,"
                           + " keyword, responses).")
    @Metadata(required = true)
    private SmscloudsOperation operation;
    @UriParam(label = "security", secret = true, description = "The Personal Access Token from the panel (Api"
            + " Settings), sent as Authorization: Bearer on every call.")
    @Metadata(required = true)
    private String token;
    @UriParam(label = "advanced", defaultValue = "https://smsclouds.cloud", description = "Scheme and host of the"
            + " API; the documented paths (/api/v3/campaign ...) are appended. Point it at the sandbox"
            + " (http://127.0.0.1:port) to test without an account.")
    private String baseUrl = "https://smsclouds.cloud";
    @UriParam(label = "producer", defaultValue = "30000", description = "send/sendClic: recipients per campaign"
            + " (request); larger sends are split into several campaigns. The document's optimum is 30000, its"
            + " maximum 50000.")
    private int batchSize = SmscloudsLimits.OPTIMAL_RECIPIENTS;
    @UriParam(label = "producer", description = "send/sendClic: the route id (see the routes operation). send needs"
            + " route or country; sendClic needs route. The CamelSmscloudsRoute header wins.")
    private Integer route;
    @UriParam(label = "producer", description = "send/sendClic: the country id (see the countries operation). The"
            + " CamelSmscloudsCountry header wins.")
    private Integer country;
    @UriParam(label = "producer", description = "send/sendClic: campaign_name. The CamelSmscloudsCampaignName header"
            + " wins.")
    private String campaignName;
    @UriParam(label = "producer", description = "send/sendClic: scheduled_date, YYYY-MM-DD HH:mm:ss in the"
            + " provider's time zone. The CamelSmscloudsScheduledDate header and a message's scheduleAt win.")
    private String scheduledDate;
    @UriParam(label = "producer", defaultValue = "false", description = "send/sendClic: encode (accents and special"
            + " characters, text at most 70 characters). At most one of encode, encode2, encode3.")
    private boolean encode;
    @UriParam(label = "producer", defaultValue = "false", description = "send/sendClic: encode_2 (special"
            + " characters, text at most 128 characters).")
    private boolean encode2;
    @UriParam(label = "producer", defaultValue = "false", description = "send/sendClic: encode_3 (special"
            + " characters, text at most 192 characters).")
    private boolean encode3;
    @UriParam(label = "producer", defaultValue = "false", description = "send/sendClic: long_message (text up to"
            + " 306 characters, 2 messages). An encode flag's limit wins over it.")
    private boolean longMessage;
    @UriParam(label = "producer", description = "sendClic: the url (link) id from the SMS clic panel; required there."
            + " The CamelSmscloudsUrl header wins.")
    private String url;
    @UriParam(label = "advanced", defaultValue = "America/Mexico_City", description = "Time zone of the provider's"
            + " dates (YYYY-MM-DD HH:mm:ss without offset): used to read sent_date/received_at/date and to write"
            + " scheduled_date and the responses window.")
    private String timeZone = "America/Mexico_City";
    @UriParam(label = "consumer", defaultValue = "3600000", javaType = "java.time.Duration", description = "responses"
            + " consumer: how far back the first poll looks (and every poll after a restart); later polls start a"
            + " little before the previous poll, and already emitted MOs are skipped.")
    private long lookback = 3_600_000;

    public SmscloudsConfiguration copy() {
        return copyAs();
    }

    public SmscloudsOperation getOperation() {
        return operation;
    }

    public void setOperation(SmscloudsOperation operation) {
        this.operation = operation;
    }

    /** The token identifies the account (only its digest is stored). */
    @Override
    protected String accountIdentity() {
        return token;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Integer getRoute() {
        return route;
    }

    public void setRoute(Integer route) {
        this.route = route;
    }

    public Integer getCountry() {
        return country;
    }

    public void setCountry(Integer country) {
        this.country = country;
    }

    public String getCampaignName() {
        return campaignName;
    }

    public void setCampaignName(String campaignName) {
        this.campaignName = campaignName;
    }

    public String getScheduledDate() {
        return scheduledDate;
    }

    public void setScheduledDate(String scheduledDate) {
        this.scheduledDate = scheduledDate;
    }

    public boolean isEncode() {
        return encode;
    }

    public void setEncode(boolean encode) {
        this.encode = encode;
    }

    public boolean isEncode2() {
        return encode2;
    }

    public void setEncode2(boolean encode2) {
        this.encode2 = encode2;
    }

    public boolean isEncode3() {
        return encode3;
    }

    public void setEncode3(boolean encode3) {
        this.encode3 = encode3;
    }

    public boolean isLongMessage() {
        return longMessage;
    }

    public void setLongMessage(boolean longMessage) {
        this.longMessage = longMessage;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public long getLookback() {
        return lookback;
    }

    public void setLookback(long lookback) {
        this.lookback = lookback;
    }
}
