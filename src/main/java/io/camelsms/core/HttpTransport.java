package io.camelsms.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client every component talks to its provider with: one JDK {@link HttpClient} per endpoint
 * (connections are reused), JSON through {@link Json#MAPPER}. It logs the method, the URL without its query
 * string, the status and the time taken; never a body or a query string, because those carry credentials.
 * I/O failures, timeouts and HTTP 5xx come back as retryable {@link SmsProviderException}s.
 */
public final class HttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final String provider;
    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpTransport(String provider, Duration connectTimeout, Duration requestTimeout) {
        this.provider = provider;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpReply postJson(URI uri, Object body, Map<String, String> headers) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new SmsException(provider, "cannot write the request as JSON: " + e.getMessage(), e);
        }
        return send("POST", uri, json, "application/json", headers);
    }

    public HttpReply get(URI uri, Map<String, String> headers) {
        return send("GET", uri, null, null, headers);
    }

    /** Any method, with an optional body (some providers document a GET with a JSON body). */
    public HttpReply send(String method, URI uri, byte[] body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        String target = method + " " + withoutQuery(uri);
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            LOG.debug("{} {} -> HTTP {} in {} ms", provider, target, response.statusCode(),
                    (System.nanoTime() - start) / 1_000_000);
            return new HttpReply(provider, response.statusCode(), response.headers(), response.body());
        } catch (HttpTimeoutException e) {
            throw new SmsProviderException(provider, null, "no reply from " + target + " within " + requestTimeout,
                    true, 0, e);
        } catch (IOException e) {
            throw new SmsProviderException(provider, null, "cannot reach " + target + ": " + e, true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException(provider, "interrupted while calling " + target, e);
        }
    }

    /** Host and path only: query strings carry credentials for some providers. */
    public static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
