package io.camelsms.smsclouds;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.camelsms.core.HttpReply;
import io.camelsms.core.HttpTransport;
import io.camelsms.core.Json;
import io.camelsms.core.RetryPolicy;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.smsclouds.model.CampaignRequest;
import io.camelsms.smsclouds.model.ErrorBody;
import io.camelsms.smsclouds.model.ErrorCode;
import io.camelsms.smsclouds.model.ResponsesRequest;
import io.camelsms.smsclouds.model.ResponsesResponse;

/**
 * Every call to the API, for the producer and the polling consumer: Bearer token, JSON headers, retry, and the one
 * place that turns an error reply into a {@link SmscloudsException} (via {@link ErrorCode}).
 */
final class SmscloudsClient {

    /** Longest wait a 429's Retry-After / X-RateLimit-Reset may impose before the retry. */
    static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
    private static final String JSON = "application/json";

    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;
    private final String baseUrl;
    private final Map<String, String> headers;
    private final String responsesPath;
    private final String responsesMessagesField;
    private final boolean idsAsStrings;

    SmscloudsClient(SmscloudsConfiguration configuration) {
        String token = configuration.getToken();
        SmsConfiguration.requireOption(SmscloudsProducer.PROVIDER, "token", token);
        this.baseUrl = SmsConfiguration.withoutTrailingSlash(configuration.getBaseUrl());
        this.transport = configuration.newTransport(SmscloudsProducer.PROVIDER);
        this.retryPolicy = configuration.retryPolicy(SmscloudsProducer.PROVIDER);
        // the document lists all three on every call, GET included, so they travel here rather than per body
        this.headers = Map.of("Authorization", "Bearer " + token, "Content-Type", JSON, "Accept", JSON);
        this.responsesPath = configuration.getResponsesPath();
        this.responsesMessagesField = configuration.getResponsesMessagesField();
        this.idsAsStrings = configuration.isIdsAsStrings();
    }

    /** A read: retried on an unknown outcome too. */
    JsonNode get(String path) throws Exception {
        return call("GET", path, null, true);
    }

    /** A request that acts (campaign, cancel): retried only when refused for now. */
    JsonNode post(String path, Object body) throws Exception {
        return call("POST", path, body, false);
    }

    <T> T post(String path, Object body, Class<T> type) throws Exception {
        return Json.MAPPER.treeToValue(post(path, body), type);
    }

    /**
     * One {@code responses} query, on the configured path and with the configured spelling of its fields: a read the
     * API takes as a POST, so retried on an unknown outcome too.
     */
    ResponsesResponse responses(ResponsesRequest query) throws Exception {
        JsonNode reply = call("POST", responsesPath, query.wire(responsesMessagesField, idsAsStrings), true);
        return Json.MAPPER.treeToValue(reply, ResponsesResponse.class);
    }

    <T> T get(String path, Class<T> type) throws Exception {
        return Json.MAPPER.treeToValue(get(path), type);
    }

    private JsonNode call(String method, String path, Object body, boolean idempotent) throws Exception {
        URI uri = URI.create(baseUrl + path);
        // a POST without parameters (voice cancel) still sends a JSON object, as the document's clients do
        byte[] json = "GET".equals(method) ? null : write(body);
        // Content-Type travels in the headers, on every call as the document lists it
        Callable<JsonNode> attempt = () -> check(transport.send(operation(method, path), method, uri, json, null, headers));
        String what = "smsclouds " + method + " " + path;
        return idempotent ? retryPolicy.callIdempotent(what, attempt) : retryPolicy.call(what, attempt);
    }

    /** A body as JSON; a campaign's recipients written on all cores, in chunks (the mapper's bytes all the same). */
    static byte[] write(Object body) throws IOException {
        if (body instanceof CampaignRequest campaign && campaign.recipients() != null) {
            CampaignRequest withoutRecipients = new CampaignRequest(campaign.text(), List.of(),
                    campaign.campaignName(), campaign.route(), campaign.country(), campaign.encode(), campaign.encode2(),
                    campaign.encode3(), campaign.longMessage(), campaign.scheduledDate(), campaign.url());
            return Json.writeWithArray(withoutRecipients, "recipients", campaign.recipients());
        }
        return Json.MAPPER.writeValueAsBytes(body == null ? Map.of() : body);
    }

    /**
     * The metrics' operation name of a call: its method and documented path, each id in it (a campaign id, the number
     * of an HLR query) replaced by {@code {id}}, so the name is one of a few and never carries a phone number.
     */
    static String operation(String method, String path) {
        return method + " " + path.replaceAll("/[^/a-zA-Z]+(?=/|$)", "/{id}");
    }

    /** The JSON of a success reply, or the typed error of any other. */
    static JsonNode check(HttpReply reply) {
        if (reply.isSuccess()) {
            return reply.jsonTree();
        }
        ErrorCode code = ErrorCode.of(reply.status());
        String information = information(reply);
        if (information == null && code == null) {
            throw reply.unexpected("HTTP " + reply.status(), null);
        }
        String meaning = (code != null ? code.meaning() : "HTTP " + reply.status())
                         + (information != null ? ": " + information : "") + rateLimit(reply);
        if (reply.status() == ErrorCode.TOO_MANY_REQUESTS.status()) {
            waitForRateLimit(reply);
        }
        throw new SmscloudsException(reply.status(), information, meaning, ErrorCode.failureOf(reply.status()));
    }

    /** {@code error.information}, or null when the body is not the documented error JSON. */
    private static String information(HttpReply reply) {
        try {
            ErrorBody error = Json.MAPPER.readValue(reply.body(), ErrorBody.class);
            return error == null || error.error() == null ? null : error.error().information();
        } catch (Exception e) {
            return null;
        }
    }

    private static String rateLimit(HttpReply reply) {
        Optional<String> limit = reply.headers().firstValue("X-RateLimit-Limit");
        Optional<String> remaining = reply.headers().firstValue("X-RateLimit-Remaining");
        if (reply.status() != ErrorCode.TOO_MANY_REQUESTS.status() || limit.isEmpty()) {
            return "";
        }
        return " (X-RateLimit-Limit " + limit.get() + remaining.map(r -> ", remaining " + r).orElse("") + ")";
    }

    /** Honour Retry-After (seconds) or X-RateLimit-Reset (epoch seconds), bounded, before the retry policy's own wait. */
    private static void waitForRateLimit(HttpReply reply) {
        long waitMillis = reply.headers().firstValue("Retry-After").map(SmscloudsClient::seconds)
                .map(s -> s * 1000)
                .or(() -> reply.headers().firstValue("X-RateLimit-Reset").map(SmscloudsClient::seconds)
                        .map(epoch -> epoch * 1000 - System.currentTimeMillis()))
                .orElse(0L);
        waitMillis = Math.min(Math.max(waitMillis, 0), MAX_RATE_LIMIT_WAIT.toMillis());
        if (waitMillis > 0) {
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Long seconds(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }
}
