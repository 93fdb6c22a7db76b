package io.camelsms.smsclouds;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsEvents;
import io.camelsms.core.WebhookProtocol;
import io.camelsms.core.WebhookReply;
import io.camelsms.core.WebhookRequest;
import io.camelsms.smsclouds.model.SmscloudsLimits;

/**
 * Keyword auto-response: the platform calls GET with {@code response}, {@code cellphone}, {@code keyword} and
 * {@code date}, and sends the handset whatever we answer. The answer is the route's resulting body as plain
 * text: the document forbids code in it, so script/style blocks and markup (anything between {@code <} and
 * {@code >}) are removed,
 * whitespace collapsed, and the text cut to 160 characters. A body the route left as the request
 * ({@link InboundMessage}) or empty answers an empty text (no auto-response).
 */
final class SmscloudsKeywordProtocol implements WebhookProtocol<InboundMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(SmscloudsKeywordProtocol.class);
    /** Script and style blocks go whole: their content is code, not text. */
    private static final Pattern CODE_BLOCK = Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final SmscloudsDates dates;

    SmscloudsKeywordProtocol(String timeZone) {
        this.dates = new SmscloudsDates(timeZone);
    }

    @Override
    public List<String> methods() {
        return List.of("GET");
    }

    @Override
    public List<InboundMessage> parse(WebhookRequest request) {
        return List.of(new InboundMessage(SmscloudsProducer.PROVIDER, null, null, request.requiredParam("cellphone"),
                request.requiredParam("response"), request.requiredParam("keyword"),
                SmscloudsInboundProtocol.date(dates, request.requiredParam("date")), null));
    }

    @Override
    public void toExchange(InboundMessage event, Exchange exchange) {
        SmsEvents.put(exchange, event);
        exchange.getMessage().setHeader(SmscloudsConstants.KEYWORD, event.keyword());
    }

    @Override
    public WebhookReply reply(List<Handled<InboundMessage>> handled) {
        if (!handled.stream().allMatch(Handled::succeeded)) {
            return WebhookReply.text(500, "not processed");
        }
        Object body = handled.isEmpty() ? null : handled.get(0).exchange().getMessage().getBody();
        String text = body == null || body instanceof InboundMessage ? ""
                : handled.get(0).exchange().getMessage().getBody(String.class);
        return WebhookReply.text(200, plainText(text));
    }

    /** The reply as the platform may forward it: no markup, single spaces, at most 160 characters. */
    static String plainText(String text) {
        if (text == null) {
            return "";
        }
        String plain = WHITESPACE.matcher(MARKUP.matcher(CODE_BLOCK.matcher(text).replaceAll(" ")).replaceAll(" "))
                .replaceAll(" ").strip();
        if (plain.length() > SmscloudsLimits.MAX_KEYWORD_REPLY) {
            LOG.warn("smsclouds: keyword reply of {} characters cut to {}", plain.length(),
                    SmscloudsLimits.MAX_KEYWORD_REPLY);
            plain = plain.substring(0, SmscloudsLimits.MAX_KEYWORD_REPLY);
        }
        return plain;
    }
}
