package io.camelsms.core;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicAuthCache;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.observability.AccountObserver;

/**
 * The HTTP client every component talks to its provider with: one Apache HttpClient 5 per endpoint (connections are
 * pooled), JSON through {@link Json#MAPPER}. It logs the method, the URL without its query string, the status and
 * the time taken; never a body or a query string, because those carry credentials.
 * <p>
 * Requests go out as HTTP/1.1 (HttpClient 5 classic speaks nothing else: no {@code Upgrade: h2c}), through the
 * proxy and with the TLS settings of {@link Options}, or on a client the user supplies.
 * <p>
 * It never sends a request twice by itself: automatic retries and redirects are off (the JDK client re-sends a GET
 * on a reset pooled connection, which would send an SMS twice for painel). Every request reaches the server at most
 * once per call, and a failure says what it means for the provider's side:
 * <ul>
 * <li>failed before the request began to be written (connection refused, connect timeout, no route, TLS
 * handshake): {@link SmsProviderException.Failure#REFUSED_TRY_LATER}, the provider cannot have acted;</li>
 * <li>failed once the request began to be written (no reply within the request timeout, reset, closed without a
 * reply): {@link SmsProviderException.Failure#UNKNOWN}, the provider may have acted.</li>
 * </ul>
 * HTTP statuses are returned as they are; each component decides what its provider's statuses mean.
 * <p>
 * Apache HttpClient itself logs request lines (query strings) and wire bytes at DEBUG under {@code org.apache.hc},
 * credentials included: keep that logger at INFO (the app's logging configuration does).
 */
public final class HttpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    /** A pooled connection idle longer than this is checked before reuse, so a closed one is not written to. */
    private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofMilliseconds(500);
    private static final int MAX_CONNECTIONS = 20;
    /** Context attribute set once the request starts going out on an open connection. */
    private static final String REQUEST_STARTED = HttpTransport.class.getName() + ".requestStarted";

    /** A proxy and its credentials, TLS settings, or a client of the user's; {@link #NONE}: a direct connection. */
    public record Options(String proxyHost, int proxyPort, String proxyUsername, String proxyPassword,
                          SSLContext sslContext, CloseableHttpClient httpClient) {
        public static final Options NONE = new Options(null, 0, null, null, null, null);

        @Override
        public String toString() {
            return "Options[proxy=" + proxyHost + ":" + proxyPort + ", client=" + httpClient + "]";
        }
    }

    private final String provider;
    private final CloseableHttpClient client;
    /** True when the client is the user's: it is not closed here and cannot say when a request began. */
    private final boolean userClient;
    private final Duration requestTimeout;
    /** The proxy that answers for its credentials up front, or null. */
    private final HttpHost preemptiveProxy;
    private final UsernamePasswordCredentials proxyCredentials;
    private final AccountObserver observer;

    public HttpTransport(String provider, Duration connectTimeout, Duration requestTimeout) {
        this(provider, connectTimeout, requestTimeout, Options.NONE, AccountObserver.NONE);
    }

    /** {@code observer} is told how long each call took, by operation. */
    public HttpTransport(String provider, Duration connectTimeout, Duration requestTimeout, Options options,
                         AccountObserver observer) {
        this.provider = provider;
        this.observer = observer;
        this.requestTimeout = requestTimeout;
        HttpHost proxy = options.proxyHost() == null || options.proxyHost().isBlank() ? null
                : new HttpHost(options.proxyHost().strip(), options.proxyPort());
        this.userClient = options.httpClient() != null;
        // the user's client brings its own proxy settings, if any
        this.proxyCredentials = userClient || proxy == null || options.proxyUsername() == null ? null
                : new UsernamePasswordCredentials(options.proxyUsername(),
                        options.proxyPassword() == null ? new char[0] : options.proxyPassword().toCharArray());
        this.preemptiveProxy = proxyCredentials == null ? null : proxy;
        if (userClient) {
            this.client = options.httpClient();
            return;
        }
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(requestTimeout))
                        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                        .build());
        if (options.sslContext() != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(options.sslContext()));
        }
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(requestTimeout))
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .setRequestExecutor(new MarkingRequestExecutor())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement();
        if (proxy != null) {
            builder.setProxy(proxy);
        }
        if (proxyCredentials != null) {
            // for the CONNECT of an https call (a 407 there comes before anything is sent to the provider)
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(proxy), proxyCredentials);
            builder.setDefaultCredentialsProvider(credentials);
        }
        this.client = builder.build();
    }

    /** {@code operation}: the provider's name of the call (e.g. {@code sendsms}), the metrics' operation tag. */
    public HttpReply postJson(String operation, URI uri, Object body, Map<String, String> headers) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new SmsException(provider, "cannot write the request as JSON: " + e.getMessage(), e);
        }
        return send(operation, "POST", uri, json, "application/json", headers);
    }

    public HttpReply get(String operation, URI uri, Map<String, String> headers) {
        return send(operation, "GET", uri, null, null, headers);
    }

    /** Any method, with an optional body (some providers document a GET with a JSON body). */
    public HttpReply send(String operation, String method, URI uri, byte[] body, String contentType,
                          Map<String, String> headers) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, contentType == null ? null : ContentType.parse(contentType)));
        }
        headers.forEach(request::setHeader);
        String target = method + " " + withoutQuery(uri);
        HttpClientContext context = HttpClientContext.create();
        if (preemptiveProxy != null) {
            // credentials with the first request: a 407 answered to a plain-http call would make the client send
            // the request (an SMS) a second time
            BasicScheme basic = new BasicScheme();
            basic.initPreemptive(proxyCredentials);
            BasicAuthCache cache = new BasicAuthCache();
            cache.put(preemptiveProxy, basic);
            context.setAuthCache(cache);
        }
        long start = System.nanoTime();
        try {
            HttpReply reply = client.execute(request, context, response -> new HttpReply(provider,
                    response.getCode(), headersOf(response), response.getEntity() == null ? new byte[0]
                    : EntityUtils.toByteArray(response.getEntity())));
            LOG.debug("{} {} -> HTTP {} in {} ms", provider, target, reply.status(),
                    (System.nanoTime() - start) / 1_000_000);
            return reply;
        } catch (IOException e) {
            throw failure(target, requestStarted(context, e), e);
        } finally {
            observer.providerCall(operation, System.nanoTime() - start);
        }
    }

    /**
     * Whether the request may have reached the server. The transport's own client marks the moment; a user's client
     * cannot, so only a failure to connect (refused, no route, unknown host, connect timeout, TLS handshake) counts
     * as not sent, anything else as maybe sent.
     */
    private boolean requestStarted(HttpClientContext context, IOException e) {
        if (!userClient) {
            return context.getAttribute(REQUEST_STARTED) != null;
        }
        return !(e instanceof ConnectException || e instanceof NoRouteToHostException
                 || e instanceof UnknownHostException || e instanceof ConnectTimeoutException
                 || e instanceof SSLHandshakeException);
    }

    private SmsProviderException failure(String target, boolean requestStarted, IOException e) {
        if (!requestStarted) {
            return new SmsProviderException(provider, null, "cannot reach " + target + ", nothing was sent: " + e,
                    SmsProviderException.Failure.REFUSED_TRY_LATER, 0, e);
        }
        String what = Thread.currentThread().isInterrupted() ? "interrupted while calling " + target
                : e instanceof SocketTimeoutException ? "no reply from " + target + " within " + requestTimeout
                : "the connection failed after the request to " + target + " was sent: " + e;
        return new SmsProviderException(provider, null, what, SmsProviderException.Failure.UNKNOWN, 0, e);
    }

    private static HttpHeaders headersOf(ClassicHttpResponse response) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            map.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    /** Host and path only: query strings carry credentials for some providers. */
    public static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public void close() {
        if (!userClient) {
            client.close(CloseMode.GRACEFUL);
        }
    }

    /** Marks the moment the request starts going out on an established connection; nothing is sent before it. */
    private static final class MarkingRequestExecutor extends HttpRequestExecutor {
        @Override
        public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
                                           HttpResponseInformationCallback informationCallback, HttpContext context)
                throws IOException, HttpException {
            context.setAttribute(REQUEST_STARTED, Boolean.TRUE);
            return super.execute(request, connection, informationCallback, context);
        }
    }
}
