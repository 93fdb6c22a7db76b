package io.camelsms.webcom;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.HttpReply;
import io.camelsms.core.HttpTransport;
import io.camelsms.core.Json;
import io.camelsms.core.MessageRules;
import io.camelsms.core.OutgoingMessages;
import io.camelsms.core.PhoneNumbers;
import io.camelsms.core.Prepared;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.RetryPolicy;
import io.camelsms.core.SendJob;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsException;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsText;
import io.camelsms.webcom.model.WebcomAuth;
import io.camelsms.webcom.model.WebcomBalance;
import io.camelsms.webcom.model.WebcomCredentialsRequest;
import io.camelsms.webcom.model.WebcomError;
import io.camelsms.webcom.model.WebcomMessage;
import io.camelsms.webcom.model.WebcomPhone;
import io.camelsms.webcom.model.WebcomSendReply;
import io.camelsms.webcom.model.WebcomSendRequest;
import io.camelsms.webcom.model.WebcomState;
import io.camelsms.webcom.model.WebcomStateValue;
import io.camelsms.webcom.model.WebcomStatusRequest;

/** The three Webcom calls: send (grouped {@code message} entries), status and balance. */
public class WebcomProducer extends DefaultProducer {

    static final String PROVIDER = "webcom";
    static final String SEND_PATH = "/json";
    static final String STATUS_PATH = "/json/state.php";
    static final String BALANCE_PATH = "/json/balance.php";
    /** Every call's content type, as the document writes it. */
    static final String CONTENT_TYPE = "text/json; charset=utf-8";
    /** Per-message field a caller sets through {@link SmsMessage#options()}. */
    static final String TYPE_SEND = "type_send_1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FIRST_19_DIGIT = 1_000_000_000_000_000_000L;

    private final WebcomEndpoint endpoint;
    private final WebcomConfiguration configuration;
    private HttpTransport transport;
    private RetryPolicy retryPolicy;
    private WebcomAuth auth;
    private String baseUrl;
    private ZoneId zone;

    public WebcomProducer(WebcomEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        auth = WebcomAuth.of(configuration.getLogin(), configuration.getPassword(), configuration.getToken());
        if (auth == null) {
            throw new IllegalArgumentException("webcom: set token, or login and password (endpoint options, or"
                                               + " camel.component.webcom.token / .login / .password)");
        }
        if (configuration.getBatchSize() < 1) {
            throw new IllegalArgumentException("webcom: batchSize must be at least 1, was "
                                               + configuration.getBatchSize());
        }
        if (!WebcomMessage.TYPES.contains(configuration.getTypeSend())) {
            throw new IllegalArgumentException("webcom: typeSend must be one of " + WebcomMessage.TYPES + ", was '"
                                               + configuration.getTypeSend() + "'");
        }
        zone = endpoint.zone();
        String url = configuration.getBaseUrl();
        baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        retryPolicy = configuration.retryPolicy();
        transport = configuration.newTransport(PROVIDER);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (configuration.getOperation()) {
            case send -> send(exchange);
            case status -> status(exchange);
            case balance -> exchange.getMessage().setBody(balance());
            default -> throw new IllegalStateException("webcom:" + configuration.getOperation() + " does not send");
        }
    }

    // ---- send

    /** A validated message in wire terms; messages with the same group key share one {@code message} entry. */
    record Outgoing(String typeSend, String sender, String text, WebcomPhone phone) {
        List<String> groupKey() {
            return List.of(typeSend, sender, text);
        }
    }

    private void send(Exchange exchange) throws Exception {
        List<SmsMessage> messages = OutgoingMessages.from(exchange);
        SendJob<Outgoing> job = new SendJob<>(PROVIDER, messages.size(), configuration);
        Clock clock = endpoint.getClock();
        for (int i = 0; i < messages.size(); i++) {
            prepare(i, messages.get(i), job, clock);
        }
        OutgoingMessages.setResult(exchange, job.send(configuration.getBatchSize(), this::sendBatch));
    }

    private void prepare(int index, SmsMessage message, SendJob<Outgoing> job, Clock clock) {
        MessageRules rules = new MessageRules(index);
        String phone = null;
        if (message.recipient() == null || message.recipient().isBlank()) {
            rules.required("phone", message.recipient());
        } else {
            try {
                phone = PhoneNumbers.parse(message.recipient(), configuration.getDefaultRegion()).digits();
                rules.maxLength("phone", phone, WebcomPhone.MAX_PHONE_LENGTH);
            } catch (PhoneNumbers.InvalidPhoneNumberException e) {
                rules.fail("phone", e.getMessage());
            }
        }
        String sender = message.sender() != null ? message.sender() : configuration.getSender();
        String type = message.options().getOrDefault(TYPE_SEND, configuration.getTypeSend());
        String clientId = message.externalId() != null ? message.externalId() : newClientId();
        rules.required("sender", sender)
                .maxLength("sender", sender, WebcomMessage.maxSenderLength(sender))
                .required("text", message.text())
                .oneOf("type_send_1", type, WebcomMessage.TYPES);
        if (!WebcomPhone.isClientId(clientId)) {
            rules.fail("client_id_sms", "'" + clientId + "' is not a whole number of at most "
                                        + WebcomPhone.MAX_CLIENT_ID_DIGITS + " digits (the document types it Int)");
        }
        String validity = message.validity() == null ? null
                : WebcomTimes.format(clock.instant().plus(message.validity()), zone);
        SmsText text = SmsText.of(message.text());
        if (!rules.ok()) {
            job.invalid(index, phone != null ? phone : message.recipient(), clientId, text, rules);
            return;
        }
        job.ready(new Prepared<>(index, phone, clientId, text,
                new Outgoing(type, sender, message.text(), new WebcomPhone(phone, clientId, validity))));
    }

    /** 19 random digits: a stable id for a message the caller gave none, returned as its externalId. */
    static String newClientId() {
        return Long.toString(FIRST_19_DIGIT + (RANDOM.nextLong() & Long.MAX_VALUE) % (Long.MAX_VALUE - FIRST_19_DIGIT));
    }

    private SendJob.BatchOutcome sendBatch(List<Prepared<Outgoing>> batch) throws Exception {
        Map<List<String>, List<Prepared<Outgoing>>> groups = new LinkedHashMap<>();
        for (Prepared<Outgoing> message : batch) {
            groups.computeIfAbsent(message.wire().groupKey(), k -> new ArrayList<>()).add(message);
        }
        List<WebcomMessage> entries = new ArrayList<>(groups.size());
        List<Prepared<Outgoing>> wireOrder = new ArrayList<>(batch.size());
        for (List<Prepared<Outgoing>> group : groups.values()) {
            Outgoing first = group.get(0).wire();
            entries.add(new WebcomMessage(first.typeSend(), first.sender(), first.text(),
                    group.stream().map(p -> p.wire().phone()).toList()));
            wireOrder.addAll(group);
        }
        byte[] request = json(new WebcomSendRequest(auth, entries));
        // client_id_sms makes a repeated request harmless, so a lost reply is simply asked again
        WebcomSendReply reply = retryPolicy.call("webcom send of " + batch.size() + " messages",
                () -> checked(post(SEND_PATH, request)).json(WebcomSendReply.class));
        List<WebcomSendReply.Information> information = reply.information() == null ? List.of() : reply.information();
        if (information.size() != wireOrder.size()) {
            // typed, so a later batch with such a reply is reported per message instead of failing the send
            throw new SmsProviderException(PROVIDER, null, "the reply has " + information.size()
                    + " information entries for " + wireOrder.size() + " phones; cannot tell which phone is which",
                    false, 200);
        }
        List<RecipientResult> results = new ArrayList<>(wireOrder.size());
        for (int i = 0; i < wireOrder.size(); i++) {
            WebcomSendReply.Information entry = information.get(i);
            Prepared<Outgoing> message = wireOrder.get(i);
            results.add(entry.accepted() ? message.accepted(null, entry.idSms())
                    : message.rejected(entry.error() != null ? entry.error() : "no id_sms and no error in the reply"));
        }
        return new SendJob.BatchOutcome(null, results);
    }

    // ---- status

    private void status(Exchange exchange) throws Exception {
        List<String> ids = statusIds(exchange);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("webcom:status needs id_sms: a body with one id or a list of ids,"
                                               + " a SendResult, or the " + SmsHeaders.PROVIDER_MESSAGE_ID + " header");
        }
        Object idSms = ids.size() == 1 ? idNode(ids.get(0)) : ids.stream().map(WebcomProducer::idNode).toList();
        byte[] request = json(new WebcomStatusRequest(auth, idSms, configuration.isDetail() ? 1 : 0));
        WebcomState[] reply = retryPolicy.call("webcom status of " + ids.size() + " messages",
                () -> checked(post(STATUS_PATH, request)).json(WebcomState[].class));
        List<DeliveryReport> reports = new ArrayList<>(reply.length);
        for (WebcomState state : reply) {
            String detail = state.numParts() == null && state.price() == null ? null
                    : "num_parts=" + state.numParts() + ", price=" + (state.price() == null ? null
                    : state.price().toPlainString());
            reports.add(new DeliveryReport(PROVIDER, state.idSms(), null, null, null,
                    WebcomStateValue.normalise(state.state()), state.state(),
                    WebcomTimes.parse(state.timeChangeState(), zone), detail));
        }
        exchange.getMessage().setBody(reports);
        exchange.getMessage().setHeader(SmsHeaders.PROVIDER, PROVIDER);
    }

    private static List<String> statusIds(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            String header = exchange.getMessage().getHeader(SmsHeaders.PROVIDER_MESSAGE_ID, String.class);
            return header == null || header.isBlank() ? List.of() : List.of(header.strip());
        }
        if (body instanceof SendResult result) {
            return result.accepted().stream().map(RecipientResult::providerMessageId)
                    .filter(id -> id != null && !id.isBlank()).toList();
        }
        if (body instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).map(String::strip).filter(id -> !id.isEmpty()).toList();
        }
        String single = exchange.getMessage().getBody(String.class);
        return single == null || single.isBlank() ? List.of() : List.of(single.strip());
    }

    /** The platform's ids are numbers; send them as numbers, anything else as given. */
    private static Object idNode(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return id;
        }
    }

    // ---- balance

    private WebcomBalance balance() throws Exception {
        byte[] request = json(new WebcomCredentialsRequest(auth));
        return retryPolicy.call("webcom balance", () -> checked(post(BALANCE_PATH, request)).json(WebcomBalance.class));
    }

    // ---- shared

    private HttpReply post(String path, byte[] body) {
        return transport.send("POST", URI.create(baseUrl + path), body, CONTENT_TYPE, Map.of());
    }

    /**
     * The reply if it is the call's normal answer; an {@code {"error": ...}} (HTTP 200 or 400) becomes the typed
     * error, any other status the transport's unexpected-reply error (retryable for 5xx).
     */
    private static HttpReply checked(HttpReply reply) {
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

    private static byte[] json(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new SmsException(PROVIDER, "cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
