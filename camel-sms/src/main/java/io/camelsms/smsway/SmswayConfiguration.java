package io.camelsms.smsway;

import java.time.Clock;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

import io.camelsms.core.QuotaThrottle;
import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.smsway.model.SmswayLastRequest;

/** Options of {@code smsway:} endpoints; set on the component to apply to every endpoint. */
@UriParams
public class SmswayConfiguration extends SmsConsumerConfiguration {

    @UriPath(description = "The operation to perform.")
    @Metadata(required = true)
    private SmswayOperation operation;
    @UriParam(label = "security", secret = true,
              description = "The account's API key (SmsWay app: dot menu, Apikey), sent as tokenapi.")
    @Metadata(required = true)
    private String tokenapi;
    @UriParam(label = "security", defaultValue = "cookie",
              description = "Where tokenapi travels: cookie (Cookie: tokenapi=..., the document's examples) or body"
                            + " (a tokenapi field in the JSON body).")
    private SmswayApiKeyPlacement apiKeyPlacement = SmswayApiKeyPlacement.cookie;
    @UriParam(label = "producer", description = "Operation send: the sim slot to send from (0, 1, ...); -1 or empty"
                                                + " = slot 0. A message's own sim option wins.")
    private Integer sim;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Operation send: the provider cuts smstext at 160 characters. false (default) rejects a"
                            + " longer text before sending; true sends its first 160 characters.")
    private boolean truncateText;
    @UriParam(label = "producer", defaultValue = "10",
              description = "Operation last: how many of the latest messages to ask for, 1-100 (the document's"
                            + " maximum). The CamelSmsWayQty header overrides it.")
    private int qty = SmswayLastRequest.DEFAULT_QTY;
    @UriParam(label = "producer", defaultValue = "4",
              description = "Operation send: calls in flight at once when the body holds many messages (one call"
                            + " per recipient); always within the quotas.")
    private int concurrency = 4;
    @UriParam(label = "quota", defaultValue = "0",
              description = "Messages per minute the account allows (userinfo maxmin); 0 = no limit. Sends beyond it"
                            + " wait, so the provider never discards one as over quota.")
    private int maxPerMinute;
    @UriParam(label = "quota", defaultValue = "0",
              description = "Messages per hour the account allows (userinfo maxhour); 0 = no limit.")
    private int maxPerHour;
    @UriParam(label = "quota", defaultValue = "0",
              description = "Messages per day the account allows (userinfo maxday); 0 = no limit.")
    private int maxPerDay;
    @UriParam(label = "quota", defaultValue = "false",
              description = "Read maxmin, maxhour and maxday once from userinfo before the first send and respect"
                            + " them (the stricter of them and the maxPer* options).")
    private boolean quotasFromUserinfo;
    @UriParam(label = "quota", defaultValue = "120000", javaType = "java.time.Duration",
              description = "Longest a send may wait for room in the quota, in milliseconds; a send that would wait"
                            + " longer fails with a QuotaExceededException instead.")
    private long maxQuotaWait = 120_000;
    @UriParam(label = "consumer", defaultValue = "120000", javaType = "java.time.Duration",
              description = "Operation dlr: how far an smsgetlast entry's tsreq may be from the time we sent the"
                            + " message and still be that message (with the same recipient and text); absorbs the"
                            + " provider's clock against ours.")
    private long matchWindow = SmswayStatusMatch.DEFAULT_WINDOW.toMillis();
    @UriParam(label = "advanced", description = "The clock the quota throttle counts with and each send is stamped"
                                                + " with for status matching (tests: a controllable clock)."
                                                + " Default: the system clock.")
    private Clock quotaClock;
    @UriParam(label = "advanced", description = "How the quota throttle waits (tests: advance a controllable clock)."
                                                + " Default: sleep the calling thread.")
    private QuotaThrottle.Sleeper quotaSleeper;
    @UriParam(label = "advanced", defaultValue = "https://smsway.s7a.it",
              description = "Scheme and host of the API; /remote/<call> is appended. Point it at the sandbox"
                            + " (http://127.0.0.1:port) to test without an account.")
    private String baseUrl = "https://smsway.s7a.it";

    public SmswayConfiguration copy() {
        return copyAs();
    }

    public SmswayOperation getOperation() {
        return operation;
    }

    public void setOperation(SmswayOperation operation) {
        this.operation = operation;
    }

    /** The API key identifies the account (only its digest is stored). */
    @Override
    protected String accountIdentity() {
        return tokenapi;
    }

    public String getTokenapi() {
        return tokenapi;
    }

    public void setTokenapi(String tokenapi) {
        this.tokenapi = tokenapi;
    }

    public SmswayApiKeyPlacement getApiKeyPlacement() {
        return apiKeyPlacement;
    }

    public void setApiKeyPlacement(SmswayApiKeyPlacement apiKeyPlacement) {
        this.apiKeyPlacement = apiKeyPlacement;
    }

    public Integer getSim() {
        return sim;
    }

    public void setSim(Integer sim) {
        this.sim = sim;
    }

    public boolean isTruncateText() {
        return truncateText;
    }

    public void setTruncateText(boolean truncateText) {
        this.truncateText = truncateText;
    }

    public int getQty() {
        return qty;
    }

    public void setQty(int qty) {
        this.qty = qty;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getMaxPerMinute() {
        return maxPerMinute;
    }

    public void setMaxPerMinute(int maxPerMinute) {
        this.maxPerMinute = maxPerMinute;
    }

    public int getMaxPerHour() {
        return maxPerHour;
    }

    public void setMaxPerHour(int maxPerHour) {
        this.maxPerHour = maxPerHour;
    }

    public int getMaxPerDay() {
        return maxPerDay;
    }

    public void setMaxPerDay(int maxPerDay) {
        this.maxPerDay = maxPerDay;
    }

    public boolean isQuotasFromUserinfo() {
        return quotasFromUserinfo;
    }

    public void setQuotasFromUserinfo(boolean quotasFromUserinfo) {
        this.quotasFromUserinfo = quotasFromUserinfo;
    }

    public long getMaxQuotaWait() {
        return maxQuotaWait;
    }

    public void setMaxQuotaWait(long maxQuotaWait) {
        this.maxQuotaWait = maxQuotaWait;
    }

    public Clock getQuotaClock() {
        return quotaClock;
    }

    public void setQuotaClock(Clock quotaClock) {
        this.quotaClock = quotaClock;
    }

    public QuotaThrottle.Sleeper getQuotaSleeper() {
        return quotaSleeper;
    }

    public void setQuotaSleeper(QuotaThrottle.Sleeper quotaSleeper) {
        this.quotaSleeper = quotaSleeper;
    }

    public long getMatchWindow() {
        return matchWindow;
    }

    public void setMatchWindow(long matchWindow) {
        this.matchWindow = matchWindow;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }
}
