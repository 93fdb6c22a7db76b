package io.camelsms.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How simulators call a client's webhook URL, as the real provider would (MO pushes, delivery callbacks).
 * Calls are synchronous so a simulator decides what to do with the answer (e.g. re-send unacknowledged ids);
 * a refused connection or a timeout is an answer of status 0, never an exception.
 */
public final class WebhookPush {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookPush.class);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The client's answer: HTTP status (0 when it could not be reached) and body. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private WebhookPush() {
    }

    public static Answer get(URI url) {
        return send(HttpRequest.newBuilder(url).GET());
    }

    public static Answer post(URI url, String contentType, String body) {
        return send(HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            LOG.debug("sandbox push to {} failed: {}", built.uri().getPath(), e.toString());
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }
}
