package io.camelsms.webcom;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.MessageRules;
import io.camelsms.core.OutgoingMessages;
import io.camelsms.core.PhoneNumbers;
import io.camelsms.core.Prepared;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendJob;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsText;
import io.camelsms.observability.SmsHealthChecks;
import io.camelsms.webcom.model.WebcomMessage;
import io.camelsms.webcom.model.WebcomPhone;
import io.camelsms.webcom.model.WebcomSendReply;
import io.camelsms.webcom.model.WebcomSendRequest;

/** The three Webcom calls: send (grouped {@code message} entries), status and balance. */
public class WebcomProducer extends DefaultProducer {

    static final String PROVIDER = WebcomApi.PROVIDER;
    /** Per-message field a caller sets through {@link SmsMessage#options()}. */
    static final String TYPE_SEND = "type_send_1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FIRST_19_DIGIT = 1_000_000_000_000_000_000L;

    private final WebcomEndpoint endpoint;
    private final WebcomConfiguration configuration;
    private WebcomApi api;
    private ZoneId zone;
    private SmsHealthChecks.Registration healthChecks = SmsHealthChecks.Registration.NONE;

    public WebcomProducer(WebcomEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        api = WebcomApi.of(configuration);
        if (configuration.getBatchSize() < 1) {
            throw new IllegalArgumentException("webcom: batchSize must be at least 1, was "
                                               + configuration.getBatchSize());
        }
        if (!WebcomMessage.TYPES.contains(configuration.getTypeSend())) {
            throw new IllegalArgumentException("webcom: typeSend must be one of " + WebcomMessage.TYPES + ", was '"
                                               + configuration.getTypeSend() + "'");
        }
        zone = endpoint.zone();
        healthChecks = SmsHealthChecks.registerProducer(endpoint);
    }

    @Override
    protected void doStop() throws Exception {
        healthChecks.close();
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (configuration.getOperation()) {
            case send -> send(exchange);
            case status -> status(exchange);
            case balance -> exchange.getMessage().setBody(api.balance());
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
        job.prepareAll(messages, (index, message) -> prepare(index, message, job, clock));
        OutgoingMessages.setResult(exchange, job.send(configuration.getBatchSize(), this::sendBatch));
    }

    private Prepared<Outgoing> prepare(int index, SmsMessage message, SendJob<Outgoing> job, Clock clock) {
        MessageRules rules = new MessageRules(index);
        String phone = null;
        if (message.recipient() == null || message.recipient().isBlank()) {
            rules.required("phone", message.recipient());
        } else {
            try {
                phone = PhoneNumbers.parse(message.recipient(), configuration.getDefaultRegion()).digits();
                rules.maxLength("phone", phone, WebcomPhone.MAX_PHONE_LENGTH);
            } catch (PhoneNumbers.InvalidPhoneNumberException e) {
                rules.invalidNumber("phone", e.getMessage());
            }
        }
        String sender = message.sender() != null ? message.sender() : configuration.getSender();
        String type = message.options().getOrDefault(TYPE_SEND, configuration.getTypeSend());
        String externalId = message.externalId() != null ? message.externalId() : newClientId();
        String clientId = WebcomPhone.clientIdFor(externalId);
        rules.required("sender", sender)
                .maxLength("sender", sender, WebcomMessage.maxSenderLength(sender))
                .required("text", message.text())
                .oneOf("type_send_1", type, WebcomMessage.TYPES);
        String validity = message.validity() == null ? null
                : WebcomTimes.format(clock.instant().plus(message.validity()), zone);
        SmsText text = SmsText.of(message.text());
        if (!rules.ok()) {
            job.invalid(index, phone != null ? phone : message.recipient(), externalId, text, rules);
            return null;
        }
        return new Prepared<>(index, phone, externalId, text,
                new Outgoing(type, sender, message.text(), new WebcomPhone(phone, clientId, validity)));
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
        byte[] request = WebcomApi.json(new WebcomSendRequest(api.auth(), entries)
                .wire(configuration.isIntFieldsAsNumbers()));
        // The only send camel-sms repeats after an unknown outcome (timeout, reset, 5xx): every phone carries its
        // client_id_sms, and the document says "If an SMS with the same number has already been sent from this
        // account, it will not be sent again, but the number of the previously sent SMS will be returned."
        WebcomSendReply reply = api.retryPolicy().callIdempotent("webcom send of " + batch.size() + " messages",
                () -> WebcomApi.checked(api.post(WebcomApi.SEND_PATH, request)).json(WebcomSendReply.class));
        List<WebcomSendReply.Information> information = reply.information() == null ? List.of() : reply.information();
        if (information.size() != wireOrder.size()) {
            // typed, so a later batch with such a reply is reported per message instead of failing the send
            throw new SmsProviderException(PROVIDER, null, "the reply has " + information.size()
                    + " information entries for " + wireOrder.size() + " phones; cannot tell which phone is which",
                    SmsProviderException.Failure.UNKNOWN, 200);
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
        List<DeliveryReport> reports = api.states(ids, configuration.isDetail());
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
}
