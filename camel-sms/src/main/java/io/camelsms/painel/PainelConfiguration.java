package io.camelsms.painel;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.painel.model.PainelApi;

/** Options of {@code painel:} endpoints; set on the component to apply to every endpoint. */
@UriParams
public class PainelConfiguration extends SmsConsumerConfiguration {

    @UriPath(description = "The operation: send, status, balance, hold, release (producers), callback (the"
                           + " panel's push of delivery updates and replies) or dlr (delivery reports polled with"
                           + " getstatus per open campaign of the tracking store; consumers).")
    @Metadata(required = true)
    private PainelOperation operation;
    @UriParam(label = "security", secret = true,
              description = "The API user's login (lgn), created in the panel. Sent in the query string of every call.")
    @Metadata(required = true)
    private String login;
    @UriParam(label = "security", secret = true,
              description = "The API user's password (pwd). Sent in the query string of every call.")
    @Metadata(required = true)
    private String password;
    @UriParam(label = "advanced", defaultValue = "http://54.173.24.177",
              description = "Scheme and host of the panel; the documented path /painel/api.ashx is appended. https is"
                            + " supported; over http the login and password cross the network in clear. Point it at"
                            + " the sandbox (http://127.0.0.1:port) to test without an account.")
    private String baseUrl = "http://54.173.24.177";
    @UriParam(label = "producer", defaultValue = PainelApi.DEFAULT_TIME_ZONE,
              description = "The account's time zone: scheduled sends are written as jobdate/jobtime in it, and"
                            + " callback times (data_resposta) are read in it.")
    private String timeZone = PainelApi.DEFAULT_TIME_ZONE;
    @UriParam(label = "producer", defaultValue = "8000",
              description = "Longest request URL send builds; the numbers of a campaign are split into several"
                            + " campaigns so that no URL is longer.")
    private int maxUrlLength = PainelApi.DEFAULT_MAX_URL_LENGTH;
    @UriParam(label = "producer", description = "Public URL of this application's painel:callback consumer (e.g."
            + " https://sms.example.com/sms/painel/callback). When set, send passes it as url_callback, with"
            + " webhookSecret appended as a path segment when a secret is set.")
    private String callbackUrl;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration",
              description = "status and balance may run once a minute per account. 0: a call that comes too early"
                            + " fails at once, naming the time to wait. Otherwise: wait up to this long (at most"
                            + " 60000 ms) for the next allowed call, failing only if that is not enough.")
    private long rateLimitMaxWait;
    @UriParam(label = "producer", defaultValue = "false",
              description = "The panel reports the status of a campaign per number, so two messages to one number"
                            + " with one text in one campaign cannot be told apart. false: the second one of a send"
                            + " is rejected as a duplicate of the first (naming it). true: both are sent, and each"
                            + " status the panel reports for that number is given to the oldest copy still open.")
    private boolean allowDuplicateRecipients;

    public PainelConfiguration copy() {
        return copyAs();
    }

    public boolean isAllowDuplicateRecipients() {
        return allowDuplicateRecipients;
    }

    public void setAllowDuplicateRecipients(boolean allowDuplicateRecipients) {
        this.allowDuplicateRecipients = allowDuplicateRecipients;
    }

    public PainelOperation getOperation() {
        return operation;
    }

    public void setOperation(PainelOperation operation) {
        this.operation = operation;
    }

    /** The login identifies the account; only its digest is stored (the option is a secret). */
    @Override
    protected String accountIdentity() {
        return login;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public int getMaxUrlLength() {
        return maxUrlLength;
    }

    public void setMaxUrlLength(int maxUrlLength) {
        this.maxUrlLength = maxUrlLength;
    }

    public String getCallbackUrl() {
        return callbackUrl;
    }

    public void setCallbackUrl(String callbackUrl) {
        this.callbackUrl = callbackUrl;
    }

    public long getRateLimitMaxWait() {
        return rateLimitMaxWait;
    }

    public void setRateLimitMaxWait(long rateLimitMaxWait) {
        this.rateLimitMaxWait = rateLimitMaxWait;
    }
}
