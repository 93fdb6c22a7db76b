package io.camelsms.painel;

import java.time.ZoneId;
import java.util.List;

import org.apache.camel.Exchange;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.MalformedWebhookException;
import io.camelsms.core.SmsEvents;
import io.camelsms.core.WebhookProtocol;
import io.camelsms.core.WebhookReply;
import io.camelsms.core.WebhookRequest;
import io.camelsms.painel.model.PainelApi;
import io.camelsms.painel.model.PainelCallbackData;
import io.camelsms.painel.model.PainelStatusText;

/**
 * The panel's callback: {@code GET <url_callback>?data_callback=codigo_campanha;celular;resposta;data_resposta;
 * status;interno_key}. A call with a reply ({@code resposta}) is an {@link InboundMessage}; one without is a
 * {@link DeliveryReport} of {@code status}. One call, one event.
 */
final class PainelCallbackProtocol implements WebhookProtocol<Object> {

    private final ZoneId accountZone;
    private final String defaultRegion;

    PainelCallbackProtocol(ZoneId accountZone, String defaultRegion) {
        this.accountZone = accountZone;
        this.defaultRegion = defaultRegion;
    }

    @Override
    public List<String> methods() {
        return List.of("GET");
    }

    @Override
    public List<Object> parse(WebhookRequest request) {
        PainelCallbackData data;
        try {
            data = PainelCallbackData.parse(request.requiredParam(PainelApi.DATA_CALLBACK));
        } catch (IllegalArgumentException e) {
            throw new MalformedWebhookException(e.getMessage(), e);
        }
        String externalId = data.internoKey().isEmpty() ? null : data.internoKey();
        // the number as send recorded it, so the tracking store finds the message this call is about
        String phone = PainelNumbers.asRecorded(data.celular(), defaultRegion);
        if (data.isReply()) {
            return List.of(new InboundMessage(PainelProducer.PROVIDER, null, data.codigoCampanha(), phone,
                    data.resposta(), null,
                    data.dataResposta() == null ? null : data.dataResposta().atZone(accountZone).toInstant(),
                    externalId));
        }
        return List.of(new DeliveryReport(PainelProducer.PROVIDER, null, data.codigoCampanha(), phone,
                externalId, PainelStatusText.statusOf(data.status()), PainelStatusText.canonical(data.status()),
                data.dataResposta() == null ? null : data.dataResposta().atZone(accountZone).toInstant(), null));
    }

    @Override
    public void toExchange(Object event, Exchange exchange) {
        if (event instanceof InboundMessage reply) {
            SmsEvents.put(exchange, reply);
        } else {
            SmsEvents.put(exchange, (DeliveryReport) event);
        }
    }

    @Override
    public WebhookReply reply(List<Handled<Object>> handled) {
        return WebhookProtocol.okUnlessFailed(handled);
    }
}
