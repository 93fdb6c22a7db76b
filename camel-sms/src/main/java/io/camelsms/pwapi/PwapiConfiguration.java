package io.camelsms.pwapi;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

import io.camelsms.core.SmsConfiguration;
import io.camelsms.pwapi.model.PwapiRequest;

/** Options of {@code pwapi:} endpoints; set on the component to apply to every endpoint. */
@UriParams
public class PwapiConfiguration extends SmsConfiguration {

    @UriPath(description = "The operation to perform.")
    @Metadata(required = true)
    private PwapiOperation operation;
    @UriParam(label = "security", secret = true,
              description = "The account's credential, from the panel (Settings, Data Integration).")
    @Metadata(required = true)
    private String credential;
    @UriParam(label = "security", secret = true,
              description = "The account's API token, from the panel (Settings, Data Integration).")
    @Metadata(required = true)
    private String token;
    @UriParam(label = "producer", defaultValue = "",
              description = "The request's principal_user (the sub-account to send as); empty for the main user.")
    private String principalUser = "";
    @UriParam(label = "producer", defaultValue = "N", enums = "S,N",
              description = "Default send_project of each message (S or N); a message's own send_project option"
                            + " wins.")
    private String sendProject = "N";
    @UriParam(label = "advanced", defaultValue = "4.00", description = "The API version sent in each request.")
    private String version = "4.00";
    @UriParam(label = "advanced", defaultValue = "https://www.pw-api.com",
              description = "Scheme and host of the API; the documented path /sms/v_4_00/postsms.aspx is appended."
                            + " Point it at the sandbox (http://127.0.0.1:port) to test without an account.")
    private String baseUrl = "https://www.pw-api.com";
    @UriParam(label = "producer", defaultValue = "20000",
              description = "Messages per request; larger sends are split. At most 20000, the document's limit.")
    private int batchSize = PwapiRequest.MAX_MESSAGES;

    public PwapiConfiguration copy() {
        return copyAs();
    }

    /** The credential identifies the account (only its digest is stored). */
    @Override
    protected String accountIdentity() {
        return credential;
    }

    public PwapiOperation getOperation() {
        return operation;
    }

    public void setOperation(PwapiOperation operation) {
        this.operation = operation;
    }

    public String getCredential() {
        return credential;
    }

    public void setCredential(String credential) {
        this.credential = credential;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getPrincipalUser() {
        return principalUser;
    }

    public void setPrincipalUser(String principalUser) {
        this.principalUser = principalUser;
    }

    public String getSendProject() {
        return sendProject;
    }

    public void setSendProject(String sendProject) {
        this.sendProject = sendProject;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
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
}
