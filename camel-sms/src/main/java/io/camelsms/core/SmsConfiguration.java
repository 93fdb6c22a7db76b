package io.camelsms.core;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import io.camelsms.observability.AccountObserver;
import io.camelsms.observability.SmsObservability;
import io.camelsms.tracking.TrackingStore;

/**
 * Options every camel-sms component has. A component's own configuration extends this and adds its
 * credentials, base URL and limits.
 */
public abstract class SmsConfiguration implements Cloneable {

    /** The tracking label of messages sent without any account identity. */
    public static final String DEFAULT_ACCOUNT = "default";
    /** Prefix of digest labels, so a label is never mistaken for a login. */
    public static final String LABEL_PREFIX = "sha256:";

    @UriParam(label = "producer", description = "Region (ISO 3166, e.g. BR) for phone numbers written without"
                                                + " a leading plus and country code. Empty: such numbers are rejected.")
    private String defaultRegion;
    @UriParam(label = "producer", defaultValue = "false", description = "When a send holds invalid messages: false"
            + " sends the valid ones and reports the others as rejected with the reason (an exception only when none"
            + " is valid); true fails the whole send before anything leaves.")
    private boolean failOnInvalid;
    @UriParam(label = "producer,advanced", defaultValue = "false", description = "A message whose external id the"
            + " tracking store holds with an unknown send outcome (an earlier request may have reached the provider"
            + " without an answer) is reported UNKNOWN again and not sent (false), or sent again (true: only once you"
            + " know the provider did not send it). Needs a tracking store; webcom always resends, it deduplicates by"
            + " client_id_sms.")
    private boolean resendUnknown;
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "Time allowed to open a connection to the provider, in milliseconds.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "Time allowed for the provider's reply to a request, in milliseconds (the longest"
                            + " silence while waiting for it). A send that gets no reply in time has an unknown"
                            + " outcome: it is not resent (see send outcomes).")
    private long requestTimeout = 30_000;
    @UriParam(label = "producer", defaultValue = "3", description = "Retries of a request the provider surely did"
            + " not act on and may accept later (connection refused, a documented busy code). A send whose outcome is"
            + " unknown (timeout, reset, undocumented 5xx) is never retried, except by webcom, which deduplicates by"
            + " client_id_sms; reads (status, balance, lists) are retried on those too. 0 disables retry.")
    private int maxRetries = 3;
    @UriParam(label = "producer", defaultValue = "1000", javaType = "java.time.Duration",
              description = "Wait before the first retry, in milliseconds.")
    private long retryDelay = 1_000;
    @UriParam(label = "advanced", description = "Where accepted messages are recorded for delivery tracking and"
            + " resume (io.camelsms.tracking.TrackingStore). Autowired when the registry holds exactly one.")
    @Metadata(autowired = true)
    private TrackingStore trackingStore;
    @UriParam(label = "advanced", defaultValue = "true", description = "Record every accepted message in the"
            + " trackingStore, right after the provider accepted its batch, when a store is configured.")
    private boolean tracking = true;
    @UriParam(label = "advanced", description = "The label the tracking store files this account's messages under"
            + " (column account), e.g. acme-br; delivery-report polling asks the provider only about the messages of"
            + " its own label. Default: a SHA-256 digest of the account's login or credential, never the value itself."
            + " Set it to keep one label when the credential changes (a new token, or webcom's login replaced by its"
            + " token).")
    private String trackingAccountName;
    @UriParam(label = "producer", defaultValue = "2.0",
              description = "Each further retry waits this many times longer than the previous one.")
    @Metadata(defaultValue = "2.0")
    private double retryBackoffMultiplier = 2.0;
    @UriParam(label = "proxy", description = "Host of the HTTP proxy to reach the provider through (a plain-http"
            + " call is sent to it with the absolute URI, an https one tunnelled with CONNECT). Empty: no proxy.")
    private String proxyHost;
    @UriParam(label = "proxy", defaultValue = "80", description = "Port of the HTTP proxy (with proxyHost).")
    private int proxyPort = 80;
    @UriParam(label = "proxy,security", secret = true, description = "User name for the proxy (Basic"
            + " authentication, sent with each request so a 407 never makes a send go out twice). Empty: none.")
    private String proxyUsername;
    @UriParam(label = "proxy,security", secret = true, description = "Password for the proxy, with proxyUsername.")
    private String proxyPassword;
    @UriParam(label = "security", description = "TLS settings for https calls to the provider (Camel's"
            + " SSLContextParameters: trust store, key store, protocols). Empty: the JVM's default trust.")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "security", defaultValue = "false", description = "Use the CamelContext's global"
            + " SSLContextParameters (camel.ssl.*) when sslContextParameters is not set.")
    private boolean useGlobalSslContextParameters;
    @UriParam(label = "advanced", description = "An Apache HttpClient 5 CloseableHttpClient of your own to call the"
            + " provider with (a bean reference, #bean:name). It is used as it is: connectTimeout, requestTimeout,"
            + " the proxy and TLS options do not apply, it is not closed by the component, and its retry policy is"
            + " yours: it must not retry (disableAutomaticRetries), or a send may reach the provider twice.")
    private CloseableHttpClient httpClient;
    @UriParam(label = "health", defaultValue = "300000", javaType = "java.time.Duration",
              description = "How long the account's health check (camel-health, readiness) keeps its last answer,"
                            + " in milliseconds: however often Kubernetes or an operator probes, the provider is"
                            + " asked at most once per interval. painel needs at least 60000 (getbalance is allowed"
                            + " once a minute). Endpoints sharing an account share one check and the first one's"
                            + " interval.")
    private long healthCheckInterval = 300_000;
    /** The context the endpoint lives in, for sslContextParameters; set by {@link #bindTo}. */
    private CamelContext camelContext;

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public boolean isFailOnInvalid() {
        return failOnInvalid;
    }

    public void setFailOnInvalid(boolean failOnInvalid) {
        this.failOnInvalid = failOnInvalid;
    }

    public boolean isResendUnknown() {
        return resendUnknown;
    }

    public void setResendUnknown(boolean resendUnknown) {
        this.resendUnknown = resendUnknown;
    }

    /**
     * Whether a message with an unknown send outcome may be sent again: when asked to, or when the provider itself
     * does not send an id it has seen (webcom overrides this).
     */
    public boolean mayResendUnknown() {
        return resendUnknown;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public double getRetryBackoffMultiplier() {
        return retryBackoffMultiplier;
    }

    public void setRetryBackoffMultiplier(double retryBackoffMultiplier) {
        this.retryBackoffMultiplier = retryBackoffMultiplier;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public int getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(int proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public CloseableHttpClient getHttpClient() {
        return httpClient;
    }

    public void setHttpClient(CloseableHttpClient httpClient) {
        this.httpClient = httpClient;
    }

    public long getHealthCheckInterval() {
        return healthCheckInterval;
    }

    public void setHealthCheckInterval(long healthCheckInterval) {
        this.healthCheckInterval = healthCheckInterval;
    }

    /**
     * Ties an endpoint's options to its CamelContext, once they are all set: the context builds the SSLContext, and
     * lends its global SSLContextParameters when {@code useGlobalSslContextParameters} is on and none is set.
     */
    public void bindTo(CamelContext context) {
        this.camelContext = context;
        if (sslContextParameters == null && useGlobalSslContextParameters) {
            sslContextParameters = context.getSSLContextParameters();
        }
    }

    public TrackingStore getTrackingStore() {
        return trackingStore;
    }

    public void setTrackingStore(TrackingStore trackingStore) {
        this.trackingStore = trackingStore;
    }

    public String getTrackingAccountName() {
        return trackingAccountName;
    }

    public void setTrackingAccountName(String trackingAccountName) {
        this.trackingAccountName = trackingAccountName;
    }

    public boolean isTracking() {
        return tracking;
    }

    public void setTracking(boolean tracking) {
        this.tracking = tracking;
    }

    /**
     * The store to record accepted messages in, started (its schema migrated) on first use, or null when tracking
     * is off or no store is configured. An autowired bean is not started by Camel, hence here.
     */
    public TrackingStore activeTrackingStore() {
        if (!tracking || trackingStore == null) {
            return null;
        }
        ServiceHelper.startService(trackingStore);
        return trackingStore;
    }

    /**
     * How the tracking store names the provider account these options send with: {@code trackingAccountName}, or
     * a digest of {@link #accountIdentity()}. Never a secret, nor a login in clear.
     */
    public final String trackingAccount() {
        if (trackingAccountName != null && !trackingAccountName.isBlank()) {
            return trackingAccountName.strip();
        }
        return accountLabel(accountIdentity());
    }

    /** What identifies the provider account (its login, or its credential); null when there is none. */
    protected String accountIdentity() {
        return null;
    }

    /**
     * The default tracking label of an account known by {@code identity}: a stable, non-reversible digest, or
     * {@code default} without one. The V5 migration labels rows stored before with the same function.
     */
    public static String accountLabel(String identity) {
        return identity == null || identity.isBlank() ? DEFAULT_ACCOUNT
                : LABEL_PREFIX + EventIds.of(identity).substring(0, 16);
    }

    /** Fails at start when a required option is empty, naming it and where it can be set. */
    public static void requireOption(String scheme, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(scheme + ": option '" + name + "' is required (endpoint option, or "
                                               + "camel.component." + scheme + "." + name + ")");
        }
    }

    /** A base URL without trailing slashes, so the provider's documented paths can be appended to it. */
    public static String withoutTrailingSlash(String baseUrl) {
        return baseUrl.replaceAll("/+$", "");
    }

    /**
     * Where this account's sends, retries, provider calls and events are reported: the CamelContext's
     * {@link SmsObservability} (the sms dev console, and Micrometer when a MeterRegistry is bound).
     */
    public AccountObserver observer(String provider) {
        return SmsObservability.forAccount(camelContext, provider, trackingAccount());
    }

    public RetryPolicy retryPolicy(String provider) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(retryDelay), retryBackoffMultiplier, observer(provider));
    }

    public HttpTransport newTransport(String provider) {
        return new HttpTransport(provider, Duration.ofMillis(connectTimeout), Duration.ofMillis(requestTimeout),
                new HttpTransport.Options(proxyHost, proxyPort, proxyUsername, proxyPassword, sslContext(provider),
                        httpClient), observer(provider));
    }

    /** The SSLContext built from sslContextParameters, or null for the JVM's default. */
    public SSLContext sslContext(String provider) {
        if (sslContextParameters == null) {
            return null;
        }
        if (camelContext == null) {
            throw new IllegalStateException(provider + ": sslContextParameters needs the endpoint's CamelContext");
        }
        try {
            return sslContextParameters.createSSLContext(camelContext);
        } catch (GeneralSecurityException | IOException e) {
            throw new RuntimeCamelException(provider + ": cannot build the SSLContext from sslContextParameters: "
                                            + e.getMessage(), e);
        }
    }

    /**
     * A copy whose calls are never retried: a health check answers what one call says now, quickly, and leaves
     * retries to the next probe.
     */
    public <T extends SmsConfiguration> T copyWithoutRetries() {
        T copy = copyAs();
        copy.setMaxRetries(0);
        return copy;
    }

    /** A shallow copy, so each endpoint can change the component's defaults without touching them. */
    @SuppressWarnings("unchecked")
    protected <T extends SmsConfiguration> T copyAs() {
        try {
            return (T) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
