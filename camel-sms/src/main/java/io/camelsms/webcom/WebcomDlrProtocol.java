package io.camelsms.webcom;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(WebcomDlrProtocol.class);
    /** Refused entries named in the log line of one push. */
    private static final int MAX_NAMED = 10;

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
        return new PushLedger(reports);
    }

    /** The report ledger over pushed entries: a body's entries are looked up together and recorded together. */
    private record PushLedger(EventLedger<SmsEvent> reports) implements EventLedger<Event> {

        @Override
        public Optional<Entry<Event>> news(Event event) {
            return reports.news(event.report()).map(news -> new PushedEntry(event.push(), news));
        }

        @Override
        public List<Optional<Entry<Event>>> newsOf(List<Event> events) {
            List<Optional<Entry<SmsEvent>>> news = reports.newsOf(events.stream().map(e -> (SmsEvent) e.report())
                    .toList());
            List<Optional<Entry<Event>>> entries = new ArrayList<>(news.size());
            for (int i = 0; i < news.size(); i++) {
                WebcomStatusPush push = events.get(i).push();
                entries.add(news.get(i).map(n -> new PushedEntry(push, n)));
            }
            return entries;
        }

        @Override
        public void recordAll(List<Entry<Event>> entries) {
            reports.recordAll(entries.stream().map(e -> ((PushedEntry) e).news()).toList());
        }
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
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            WebcomStatusPush push = entry(root.get(i), i, refused);
            if (push == null) {
                continue;
            }
            events.add(new Event(push, new DeliveryReport(WebcomApi.PROVIDER, push.idSms().asText(), null, null,
                    null, WebcomStateValue.normalise(push.state()), push.state(), WebcomTimes.parse(push.time(), zone),
                    null)));
        }
        if (events.isEmpty() && !refused.isEmpty()) {
            throw new MalformedWebhookException(String.join("; ", refused.subList(0, Math.min(refused.size(),
                    MAX_NAMED))));
        }
        if (!refused.isEmpty()) {
            // the good entries are taken; the bad ones are left out of the answer (the platform sends them again)
            LOG.warn("webcom: status push: {} of {} entries refused: {}", refused.size(), root.size(),
                    String.join("; ", refused.subList(0, Math.min(refused.size(), MAX_NAMED))));
        }
        return events;
    }

    /** A pushed entry, or null with what is wrong with it added to {@code refused}. */
    private static WebcomStatusPush entry(JsonNode entry, int index, List<String> refused) {
        WebcomStatusPush push;
        try {
            push = entry.isObject() ? Json.MAPPER.treeToValue(entry, WebcomStatusPush.class) : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            push = null;
        }
        String fault = push == null ? "is not an object"
                : push.idSms() == null || !push.idSms().isValueNode() || push.idSms().asText().isBlank()
                ? "has no id_sms"
                : push.state() == null || push.state().isBlank() ? "has no state" : null;
        if (fault != null) {
            refused.add("entry " + index + " " + fault);
            return null;
        }
        return push;
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
