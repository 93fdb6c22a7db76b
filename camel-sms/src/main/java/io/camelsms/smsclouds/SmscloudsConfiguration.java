package io.camelsms.smsclouds;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.smsclouds.model.ResponsesRequest;
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
    @UriParam(label = "producer", defaultValue = "auto", enums = "auto,gsm,unicode", description = "send/sendClic:"
            + " how the encode flags are chosen. auto: a plain text (ASCII letters, digits, common punctuation) goes"
            + " without encode, with long_message from 161 to 306 characters; a text with accents or other special"
            + " characters gets encode (up to 70 characters), encode_2 (128) or encode_3 (192). gsm: never an encode"
            + " flag (a text with accents is rejected). unicode: always an encode flag. A text no flag can carry is rejected naming the limit.")
    private SmscloudsEncoding encoding = SmscloudsEncoding.auto;
    @UriParam(label = "producer", description = "sendClic: the url (link) id from the SMS clic panel; required there."
            + " The CamelSmscloudsUrl header wins.")
    private String url;
    @UriParam(label = "advanced", defaultValue = SmscloudsProducer.SMS_CLIC_PATH, description = "sendClic: the path"
            + " of the SMS CLIC campaign call. The document spells it three ways (api/v3/smscllic/campaign,"
            + " api/v3/smsclc/campaign, api/smscliv3/campaign); the default follows the product name and the"
            + " /api/v3/ pattern of the other calls. Set the spelling your account answers to.")
    private String smsClicPath = SmscloudsProducer.SMS_CLIC_PATH;
    @UriParam(label = "advanced", defaultValue = SmscloudsProducer.RESPONSES_PATH, description = "responses (producer,"
            + " poller and reply lookups): the path of the responses call. The document gives the URL"
            + " .../api/v3/responses (the default) and the HTTP Request line api/v3/response.")
    private String responsesPath = SmscloudsProducer.RESPONSES_PATH;
    @UriParam(label = "advanced", defaultValue = ResponsesRequest.MESSAGES_FIELD, description = "responses type 2"
            + " (by message ids): the field the ids go in. The document's prose says messages (the default), its"
            + " parameter table message.")
    private String responsesMessagesField = ResponsesRequest.MESSAGES_FIELD;
    @UriParam(label = "advanced", defaultValue = "false", description = "responses: send type and the message or"
            + " campaign ids as JSON strings, as the document's example writes them ({\"type\": \"4\", \"campaigns\":"
            + " [\"8528381\"]}), instead of integers, as its parameter table types them (the default).")
    private boolean idsAsStrings;
    @UriParam(label = "advanced", defaultValue = "America/Mexico_City", description = "Time zone of the provider's"
            + " dates (YYYY-MM-DD HH:mm:ss without offset): used to read sent_date/received_at/date and to write"
            + " scheduled_date and the responses window.")
    private String timeZone = "America/Mexico_City";
    @UriParam(label = "consumer", defaultValue = "3600000", javaType = "java.time.Duration", description = "responses"
            + " consumer: how far back the first poll looks (and every poll after a restart); later polls start a"
            + " little before the previous poll, and already emitted MOs are skipped.")
    private long lookback = 3_600_000;
    @UriParam(label = "consumer,advanced", description = "responses consumer without a tracking store: where it"
            + " remembers the ids of the MOs it emitted, so each is emitted once. Default: in memory (emitted again"
            + " after a restart); use a persistent repository (file, JDBC) to survive restarts. With a tracking store"
            + " the store remembers them and this option is not used.")
    private IdempotentRepository emittedRepository;

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

    public SmscloudsEncoding getEncoding() {
        return encoding;
    }

    public void setEncoding(SmscloudsEncoding encoding) {
        this.encoding = encoding;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getSmsClicPath() {
        return smsClicPath;
    }

    public void setSmsClicPath(String smsClicPath) {
        this.smsClicPath = smsClicPath;
    }

    public String getResponsesPath() {
        return responsesPath;
    }

    public void setResponsesPath(String responsesPath) {
        this.responsesPath = responsesPath;
    }

    public String getResponsesMessagesField() {
        return responsesMessagesField;
    }

    public void setResponsesMessagesField(String responsesMessagesField) {
        this.responsesMessagesField = responsesMessagesField;
    }

    public boolean isIdsAsStrings() {
        return idsAsStrings;
    }

    public void setIdsAsStrings(boolean idsAsStrings) {
        this.idsAsStrings = idsAsStrings;
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

    public IdempotentRepository getEmittedRepository() {
        return emittedRepository;
    }

    public void setEmittedRepository(IdempotentRepository emittedRepository) {
        this.emittedRepository = emittedRepository;
    }
}
