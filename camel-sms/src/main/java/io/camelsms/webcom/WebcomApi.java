package io.camelsms.webcom;

import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.HttpReply;
import io.camelsms.core.HttpTransport;
import io.camelsms.core.Json;
import io.camelsms.core.RetryPolicy;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.core.SmsException;
import io.camelsms.webcom.model.WebcomAuth;
import io.camelsms.webcom.model.WebcomBalance;
import io.camelsms.webcom.model.WebcomCredentialsRequest;
import io.camelsms.webcom.model.WebcomError;
import io.camelsms.webcom.model.WebcomState;
import io.camelsms.webcom.model.WebcomStateValue;
import io.camelsms.webcom.model.WebcomStatusRequest;

/**
 * The platform's calls as the producer and the polling {@code dlr} consumer both make them: credentials in the body,
 * the document's content type, the {@code {"error": ...}} replies typed, transient failures retried.
 */
final class WebcomApi {

    static final String PROVIDER = "webcom";
    static final String SEND_PATH = "/json";
    static final String STATUS_PATH = "/json/state.php";
    static final String BALANCE_PATH = "/json/balance.php";
    /** Every call's content type, as the document writes it. */
    static final String CONTENT_TYPE = "text/json; charset=utf-8";

    private final WebcomAuth auth;
    private final String baseUrl;
    private final ZoneId zone;
    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;

    private WebcomApi(WebcomAuth auth, String baseUrl, ZoneId zone, HttpTransport transport, RetryPolicy retryPolicy) {
        this.auth = auth;
        this.baseUrl = baseUrl;
        this.zone = zone;
        this.transport = transport;
        this.retryPolicy = retryPolicy;
    }

    /** The API for these options; fails naming the options to set when the credentials are incomplete. */
    static WebcomApi of(WebcomConfiguration configuration) {
        WebcomAuth auth = WebcomAuth.of(configuration.getLogin(), configuration.getPassword(), configuration.getToken());
        if (auth == null) {
            throw new IllegalArgumentException("webcom: set token, or login and password (endpoint options, or"
                                               + " camel.component.webcom.token / .login / .password)");
        }
        String url = configuration.getBaseUrl();
        return new WebcomApi(auth, SmsConfiguration.withoutTrailingSlash(url),
                ZoneId.of(configuration.getTimeZone()), configuration.newTransport(PROVIDER),
                configuration.retryPolicy(PROVIDER));
    }

    WebcomAuth auth() {
        return auth;
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** {@code balance.php}: a read, so retried on an unknown outcome too (as far as the retry policy allows). */
    WebcomBalance balance() throws Exception {
        byte[] request = json(new WebcomCredentialsRequest(auth));
        return retryPolicy.callIdempotent("webcom balance",
                () -> checked(post(BALANCE_PATH, request)).json(WebcomBalance.class));
    }

    /** {@code state.php} for these ids (one value for one id, a list for many), as delivery reports. */
    List<DeliveryReport> states(List<String> ids, boolean detail) throws Exception {
        Object idSms = ids.size() == 1 ? idNode(ids.get(0)) : ids.stream().map(WebcomApi::idNode).toList();
        byte[] request = json(new WebcomStatusRequest(auth, idSms, detail ? 1 : 0));
        WebcomState[] reply = retryPolicy.callIdempotent("webcom status of " + ids.size() + " messages",
                () -> checked(post(STATUS_PATH, request)).json(WebcomState[].class));
        List<DeliveryReport> reports = new ArrayList<>(reply.length);
        for (WebcomState state : reply) {
            reports.add(report(state));
        }
        return reports;
    }

    private DeliveryReport report(WebcomState state) {
        String detail = state.numParts() == null && state.price() == null ? null
                : "num_parts=" + state.numParts() + ", price=" + (state.price() == null ? null
                : state.price().toPlainString());
        return new DeliveryReport(PROVIDER, state.idSms(), null, null, null,
                WebcomStateValue.normalise(state.state()), state.state(),
                WebcomTimes.parse(state.timeChangeState(), zone), detail);
    }

    /** The platform's ids are numbers; send them as numbers, anything else as given. */
    private static Object idNode(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return id;
        }
    }

    HttpReply post(String path, byte[] body) {
        return transport.send(path, "POST", URI.create(baseUrl + path), body, CONTENT_TYPE, Map.of());
    }

    /**
     * The reply if it is the call's normal answer; an {@code {"error": ...}} (HTTP 200 or 400) becomes the typed
     * error, any other status the transport's unexpected-reply error (retryable for 5xx).
     */
    static HttpReply checked(HttpReply reply) {
        if (reply.status() != 200 && reply.status() != 400) {
            throw reply.unexpected("HTTP " + reply.status(), null);
        }
        JsonNode tree = reply.jsonTree();
        JsonNode error = tree.isObject() ? tree.get("error") : null;
        if (error != null && !error.isNull() && !error.asText().isBlank()) {
            throw WebcomError.toException(PROVIDER, error.asText(), reply.status());
        }
        if (reply.status() != 200) {
            throw reply.unexpected("HTTP " + reply.status() + " without an error text", null);
        }
        return reply;
    }

    static byte[] json(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new SmsException(PROVIDER, "cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
