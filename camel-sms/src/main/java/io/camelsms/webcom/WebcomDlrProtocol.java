package io.camelsms.webcom;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.EventLedger;
import io.camelsms.core.Json;
import io.camelsms.core.MalformedWebhookException;
import io.camelsms.core.SmsEvent;
import io.camelsms.core.SmsEvents;
import io.camelsms.core.WebhookProtocol;
import io.camelsms.core.WebhookReply;
import io.camelsms.core.WebhookRequest;
import io.camelsms.webcom.model.WebcomStateValue;
import io.camelsms.webcom.model.WebcomStatusPush;

/**
 * The status webhook: the platform POSTs {@code [{"id_sms":..,"time":..,"state":..}, ...]} and re-sends (up to 5
 * times) every id not in the answer {@code [{"id_sms":..}, ...]}. So the answer lists every id handled, each as the
 * platform wrote it: the ones whose exchange completed, and the ones the ledger found were no news (emitted before);
 * only the ones whose route failed are left out.
 */
final class WebcomDlrProtocol implements WebhookProtocol<WebcomDlrProtocol.Event> {

    /** One pushed entry, and the report the route receives for it. */
    record Event(WebcomStatusPush push, DeliveryReport report) {
    }

    private final ZoneId zone;

    WebcomDlrProtocol(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The tracking ledger over pushed entries: an entry is news when its report changes a tracked message, and is
     * routed with the report the ledger enriched (the caller's external id). Entries that are not news are still
     * acknowledged, so the platform stops re-sending them.
     */
    static EventLedger<Event> ledger(EventLedger<SmsEvent> reports) {
        return event -> reports.news(event.report()).map(news -> new PushedEntry(event.push(), news));
    }

    /** A pushed entry the ledger found new: routed with the enriched report, recorded as the report's entry. */
    private record PushedEntry(WebcomStatusPush push, EventLedger.Entry<SmsEvent> news)
            implements EventLedger.Entry<Event> {

        @Override
        public Event event() {
            return new Event(push, (DeliveryReport) news.event());
        }

        @Override
        public void record() {
            news.record();
        }

        @Override
        public void release() {
            news.release();
        }
    }

    @Override
    public List<String> methods() {
        return List.of("POST");
    }

    @Override
    public List<Event> parse(WebhookRequest request) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new MalformedWebhookException("the body is not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new MalformedWebhookException("the body is not a JSON array of states");
        }
        List<Event> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            WebcomStatusPush push;
            try {
                push = entry.isObject() ? Json.MAPPER.treeToValue(entry, WebcomStatusPush.class) : null;
            } catch (JsonProcessingException e) {
                push = null;
            }
            if (push == null) {
                throw new MalformedWebhookException("entry " + i + " is not an object");
            }
            if (push.idSms() == null || !push.idSms().isValueNode() || push.idSms().asText().isBlank()) {
                throw new MalformedWebhookException("entry " + i + " has no id_sms");
            }
            if (push.state() == null || push.state().isBlank()) {
                throw new MalformedWebhookException("entry " + i + " has no state");
            }
            events.add(new Event(push, new DeliveryReport(WebcomApi.PROVIDER, push.idSms().asText(), null, null,
                    null, WebcomStateValue.normalise(push.state()), push.state(), WebcomTimes.parse(push.time(), zone),
                    null)));
        }
        return events;
    }

    @Override
    public void toExchange(Event event, Exchange exchange) {
        SmsEvents.put(exchange, event.report());
    }

    @Override
    public WebhookReply reply(List<Handled<Event>> handled) {
        List<WebcomStatusPush.Ack> acks = handled.stream().filter(Handled::succeeded)
                .map(h -> new WebcomStatusPush.Ack(h.event().push().idSms())).toList();
        try {
            return WebhookReply.json(200, Json.MAPPER.writeValueAsString(acks));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
