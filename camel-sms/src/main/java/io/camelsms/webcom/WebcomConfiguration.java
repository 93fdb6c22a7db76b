package io.camelsms.webcom;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

import io.camelsms.core.SmsConsumerConfiguration;
import io.camelsms.webcom.model.WebcomMessage;

/** Options of {@code webcom:} endpoints; set on the component to apply to every endpoint. */
@UriParams
public class WebcomConfiguration extends SmsConsumerConfiguration {

    /** Phones per send request when not set. The document names no maximum; this keeps one request small. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    @UriPath(description = "The operation to perform.")
    @Metadata(required = true)
    private WebcomOperation operation;
    @UriParam(label = "security", secret = true,
              description = "The account's login; used with password when no token is set.")
    private String login;
    @UriParam(label = "security", secret = true,
              description = "The account's password; used with login when no token is set.")
    private String password;
    @UriParam(label = "security", secret = true,
              description = "The secret key the manager issues instead of login and password; wins when both are set.")
    private String token;
    @UriParam(label = "producer",
              description = "Default sender of each message (a message's own sender wins): at most 15 characters"
                            + " if numeric, 11 if alphanumeric, and registered on the account.")
    private String sender;
    @UriParam(label = "producer", defaultValue = WebcomMessage.TYPE_SMS, enums = "sms,viber",
              description = "Default type_send_1 of each message: sms or viber, the two values the document defines;"
                            + " a message's own type_send_1 option wins.")
    private String typeSend = WebcomMessage.TYPE_SMS;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Status requests: ask for detail=1, which adds the number of parts and the price.")
    private boolean detail;
    @UriParam(label = "advanced", defaultValue = "Europe/Moscow",
              description = "Time zone of the platform's dates: validity_period is written and time_change_state"
                            + " and the webhook's time are read in it.")
    private String timeZone = "Europe/Moscow";
    @UriParam(label = "producer", defaultValue = "1000",
              description = "Phones per send request; larger sends are split. The document names no maximum.")
    private int batchSize = DEFAULT_BATCH_SIZE;
    @UriParam(label = "consumer", defaultValue = "push", enums = "push,poll",
              description = "How webcom:dlr learns of state changes: push (the platform POSTs them to the status"
                            + " webhook) or poll (state.php is asked on the consumer's schedule about the open messages"
                            + " of the tracking store, many id_sms a call; needs a tracking store).")
    private WebcomDlrMode dlrMode = WebcomDlrMode.push;
    @UriParam(label = "advanced", defaultValue = "false",
              description = "Send phone and client_id_sms as JSON numbers, as the document's field table types them"
                            + " (Int), instead of strings of digits, as its example writes them (the default).")
    private boolean intFieldsAsNumbers;
    @UriParam(label = "advanced", defaultValue = "http://lk.mysmpp.ru",
              description = "Scheme and host of the API; the documented paths /json, /json/state.php and"
                            + " /json/balance.php are appended. Point it at the sandbox (http://127.0.0.1:port) to"
                            + " test without an account.")
    private String baseUrl = "http://lk.mysmpp.ru";

    public WebcomConfiguration copy() {
        return copyAs();
    }

    public WebcomOperation getOperation() {
        return operation;
    }

    public void setOperation(WebcomOperation operation) {
        this.operation = operation;
    }

    /** The platform does not send a client_id_sms it has seen again, so a resend is always safe. */
    @Override
    public boolean mayResendUnknown() {
        return true;
    }

    /**
     * The document's token is "a secret key instead of login and password" of the same account, so the login
     * identifies the account whenever it is set, also when the token is what authenticates: adding a token beside
     * the login keeps the label. Only with a token alone is the token's digest the label (set trackingAccountName
     * to keep one label across such a change).
     */
    @Override
    protected String accountIdentity() {
        return login != null && !login.isBlank() ? login : token;
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

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getSender() {
        return sender;
    }

    public void setSender(String sender) {
        this.sender = sender;
    }

    public String getTypeSend() {
        return typeSend;
    }

    public void setTypeSend(String typeSend) {
        this.typeSend = typeSend;
    }

    public boolean isDetail() {
        return detail;
    }

    public void setDetail(boolean detail) {
        this.detail = detail;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public WebcomDlrMode getDlrMode() {
        return dlrMode;
    }

    public void setDlrMode(WebcomDlrMode dlrMode) {
        this.dlrMode = dlrMode;
    }

    public boolean isIntFieldsAsNumbers() {
        return intFieldsAsNumbers;
    }

    public void setIntFieldsAsNumbers(boolean intFieldsAsNumbers) {
        this.intFieldsAsNumbers = intFieldsAsNumbers;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }
}
