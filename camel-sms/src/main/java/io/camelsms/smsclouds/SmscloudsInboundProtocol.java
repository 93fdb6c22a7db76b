package io.camelsms.smsclouds;

import java.time.format.DateTimeParseException;
import java.util.List;

import org.apache.camel.Exchange;

import io.camelsms.core.InboundMessage;
import io.camelsms.core.MalformedWebhookException;
import io.camelsms.core.SmsEvents;
import io.camelsms.core.WebhookProtocol;
import io.camelsms.core.WebhookReply;
import io.camelsms.core.WebhookRequest;

/**
 * The MO push ("Receive Responses MO Push HTTP"): the platform calls GET with {@code response}, {@code cellphone},
 * {@code message_id} and {@code date}; each call is one reply, answered with the plain text {@code ok} once the
 * route processed it (500 when it failed, so the platform can call again).
 */
final class SmscloudsInboundProtocol implements WebhookProtocol<InboundMessage> {

    private final SmscloudsDates dates;

    SmscloudsInboundProtocol(String timeZone) {
        this.dates = new SmscloudsDates(timeZone);
    }

    @Override
    public List<String> methods() {
        return List.of("GET");
    }

    @Override
    public List<InboundMessage> parse(WebhookRequest request) {
        return List.of(new InboundMessage(SmscloudsProducer.PROVIDER, request.requiredParam("message_id"), null,
                request.requiredParam("cellphone"), request.requiredParam("response"), null,
                date(dates, request.requiredParam("date")), null));
    }

    static java.time.Instant date(SmscloudsDates dates, String value) {
        try {
            return dates.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedWebhookException("query parameter 'date' is not YYYY-MM-DD HH:mm:ss");
        }
    }

    @Override
    public void toExchange(InboundMessage event, Exchange exchange) {
        SmsEvents.put(exchange, event);
    }

    @Override
    public WebhookReply reply(List<Handled<InboundMessage>> handled) {
        return WebhookProtocol.okUnlessFailed(handled);
    }
}
