package io.camelsms.smsway;

import java.io.IOException;
import java.net.URI;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.camelsms.core.HttpReply;
import io.camelsms.core.HttpTransport;
import io.camelsms.core.Json;
import io.camelsms.core.RetryPolicy;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.core.SmsException;
import io.camelsms.core.SmsProviderException;
import io.camelsms.smsway.model.SmswayCode;
import io.camelsms.smsway.model.SmswayLastRequest;
import io.camelsms.smsway.model.SmswayLastResponse;
import io.camelsms.smsway.model.SmswaySms;
import io.camelsms.smsway.model.SmswayUserInfo;

/**
 * The SmsWay remote API's wire, shared by the producer and the {@code smsway:dlr} consumer: where each call goes,
 * where the key travels, and how a reply's {@code res} becomes a result or a typed error.
 */
final class SmswayApi {

    static final String PROVIDER = "smsway";
    static final String PATH = "/remote/";

    private final SmswayConfiguration configuration;
    private final Map<SmswayOperation, URI> uris = new EnumMap<>(SmswayOperation.class);
    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;

    SmswayApi(SmswayConfiguration configuration) {
        SmsConfiguration.requireOption(PROVIDER, "tokenapi", configuration.getTokenapi());
        this.configuration = configuration;
        String base = SmsConfiguration.withoutTrailingSlash(configuration.getBaseUrl());
        for (SmswayOperation operation : SmswayOperation.values()) {
            uris.put(operation, URI.create(base + PATH + operation.call()));
        }
        this.transport = configuration.newTransport(PROVIDER);
        this.retryPolicy = configuration.retryPolicy(PROVIDER);
    }

    RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** The latest {@code qty} messages and their states (smsgetlast), latest first; a read, so retried freely. */
    List<SmswaySms> last(int qty) throws Exception {
        JsonNode reply = retryPolicy.callIdempotent("smsway smsgetlast",
                () -> call(SmswayOperation.last, new SmswayLastRequest(keyInBody(), qty)));
        return Json.MAPPER.treeToValue(reply, SmswayLastResponse.class).smslist();
    }

    /** The account's settings (userinfo); a read, so retried freely. */
    SmswayUserInfo userinfo() throws Exception {
        String key = keyInBody();
        JsonNode reply = retryPolicy.callIdempotent("smsway userinfo",
                () -> call(SmswayOperation.userinfo, key == null ? null : Map.of("tokenapi", key)));
        return Json.MAPPER.treeToValue(reply, SmswayUserInfo.class);
    }

    /** The key when it travels in the body, else null (it goes in the cookie). */
    String keyInBody() {
        return configuration.getApiKeyPlacement() == SmswayApiKeyPlacement.body ? configuration.getTokenapi() : null;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (configuration.getApiKeyPlacement() == SmswayApiKeyPlacement.cookie) {
            headers.put("Cookie", "tokenapi=" + configuration.getTokenapi());
        }
        return headers;
    }

    /** One call; returns the reply when {@code res} is 1, else throws with the documented code and meaning. */
    JsonNode call(SmswayOperation operation, Object body) {
        byte[] json = null;
        if (body != null) {
            try {
                json = Json.MAPPER.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new SmsException(PROVIDER, "cannot write the " + operation.call() + " request as JSON", e);
            }
        }
        HttpReply reply = transport.send(operation.call(), operation.method(), uris.get(operation), json,
                json == null ? null : "application/json", headers());
        return checked(operation.call(), reply);
    }

    /** Accepts {@code {"res": n, ...}} and a bare {@code n} (the document does not show smssend's body). */
    static JsonNode checked(String call, HttpReply reply) {
        if (!reply.isSuccess()) {
            throw reply.unexpected("HTTP " + reply.status(), null);
        }
        JsonNode tree = reply.jsonTree();
        JsonNode res = tree != null && tree.isObject() ? tree.get("res") : tree;
        Integer value = res == null ? null
                : res.isIntegralNumber() ? Integer.valueOf(res.intValue())
                : res.isTextual() && res.asText().strip().matches("-?\\d+") ? Integer.valueOf(res.asText().strip())
                : null;
        if (value == null) {
            throw reply.unexpected("no res code", null);
        }
        SmswayCode code = SmswayCode.of(value);
        if (code == null) {
            throw reply.unexpected("res " + value + " is not in the document", null);
        }
        if (code != SmswayCode.SUCCESS) {
            throw new SmsProviderException(PROVIDER, String.valueOf(code.code()), code.meaningOn(call),
                    code.failure(), reply.status());
        }
        return tree;
    }
}
