package io.camelsms.smsclouds;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.camel.spi.IdempotentRepository;

import io.camelsms.core.EventLedger;
import io.camelsms.core.InboundMessage;
import io.camelsms.smsclouds.model.CampaignMessage;
import io.camelsms.smsclouds.model.CampaignMessages;
import io.camelsms.smsclouds.model.ResponseRecord;
import io.camelsms.smsclouds.model.ResponsesRequest;
import io.camelsms.smsclouds.model.ResponsesResponse;

/**
 * Replies with a tracking store: completes each MO with what correlation needs, then lets the store's ledger
 * (a {@link io.camelsms.tracking.ReplyLedger}) emit it once with the original external id.
 * <p>
 * The campaign reply of a send gives no message ids, so the store knows a message by campaign and cellphone only.
 * The MO push carries {@code message_id} and {@code cellphone} but no campaign: the campaign is asked with
 * {@code POST /api/v3/responses} type 2 (by message id). A polled MO carries {@code campaign_id}; where it lacks the
 * cellphone (the document's type 4 example has none) the campaign's message list gives it. Completed this way, the
 * same MO pushed and polled has the same event id, so it is emitted once whichever comes first.
 * <p>
 * Those look-ups are paid once per MO: once it is emitted (or found emitted), the MO as the provider gave it is
 * remembered too, so the same MO polled again in the next window, or pushed again, costs no provider call.
 */
final class SmscloudsReplyLedger implements EventLedger<InboundMessage> {

    private static final Pattern ID = Pattern.compile("\\d{1,19}");

    private final EventLedger<InboundMessage> store;
    private final IdempotentRepository emitted;
    private final SmscloudsClient client;

    SmscloudsReplyLedger(EventLedger<InboundMessage> store, SmscloudsConfiguration configuration) {
        this.store = store;
        this.emitted = configuration.activeTrackingStore();
        this.client = new SmscloudsClient(configuration);
    }

    @Override
    public Optional<Entry<InboundMessage>> news(InboundMessage reply) {
        if (!needsLookUp(reply)) {
            return store.news(reply);
        }
        String asGiven = asGivenId(reply);
        if (emitted.contains(asGiven)) {
            return Optional.empty();
        }
        InboundMessage complete = completed(reply);
        Optional<Entry<InboundMessage>> entry = store.news(complete);
        if (entry.isEmpty() && emitted.contains(complete.eventId())) {
            emitted.add(asGiven); // emitted before, by a push or a poll that saw it complete
        }
        return entry.map(news -> new RememberingAsGiven(news, emitted, asGiven));
    }

    /** The store's entry, which once recorded also remembers the MO as the provider gave it. */
    private record RememberingAsGiven(Entry<InboundMessage> news, IdempotentRepository emitted, String asGiven)
            implements Entry<InboundMessage> {
        @Override
        public InboundMessage event() {
            return news.event();
        }

        @Override
        public void record() {
            news.record();
            emitted.add(asGiven);
        }

        @Override
        public void release() {
            news.release();
        }
    }

    /** Whether completing the MO asks the provider (it lacks the campaign or the cellphone). */
    private static boolean needsLookUp(InboundMessage reply) {
        String messageId = reply.providerMessageId();
        return messageId != null && ID.matcher(messageId).matches()
               && (reply.campaignId() == null || reply.from() == null);
    }

    /** The id of the MO as the provider gave it, before completion: what the next poll or push brings again. */
    private static String asGivenId(InboundMessage reply) {
        return "smsclouds-mo-as-given-" + reply.eventId();
    }

    /** The reply with its campaign and cellphone; a lookup that fails throws, so the push or poll is tried again. */
    InboundMessage completed(InboundMessage reply) {
        String messageId = reply.providerMessageId();
        if (messageId == null || !ID.matcher(messageId).matches()) {
            return reply;
        }
        String campaignId = reply.campaignId();
        String from = reply.from();
        try {
            if (campaignId == null) {
                ResponsesResponse found = client.responses(
                        ResponsesRequest.byMessages(List.of(Long.valueOf(messageId))));
                Optional<ResponseRecord> record = found.results().stream()
                        .filter(r -> r.messageId() != null && messageId.equals(String.valueOf(r.messageId())))
                        .filter(r -> r.campaignId() != null).findFirst();
                campaignId = record.map(r -> String.valueOf(r.campaignId())).orElse(null);
                from = from != null ? from : record.map(ResponseRecord::cellphone).orElse(null);
            }
            if (from == null && campaignId != null) {
                CampaignMessages campaign = client.get(SmscloudsProducer.campaignMessagesPath(campaignId),
                        CampaignMessages.class);
                from = campaign.data().stream().filter(m -> m.id() != null
                        && messageId.equals(String.valueOf(m.id()))).map(CampaignMessage::cellphone)
                        .findFirst().orElse(null);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // the transport's IO failures, after the retry policy gave up
            throw new IllegalStateException("smsclouds: could not look up the message an MO answers", e);
        }
        return new InboundMessage(reply.provider(), messageId, campaignId, from, reply.text(), reply.keyword(),
                reply.receivedAt(), reply.externalId());
    }
}
