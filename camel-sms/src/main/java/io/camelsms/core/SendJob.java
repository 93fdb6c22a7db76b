package io.camelsms.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.camelsms.observability.AccountObserver;
import io.camelsms.observability.RejectReason;
import io.camelsms.tracking.TrackedMessage;
import io.camelsms.tracking.TrackingStore;
import io.camelsms.tracking.UnknownSend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One send, from validated messages to a {@link SendResult}, the same way for every component:
 * <ul>
 * <li>invalid messages are reported as rejected with the field, the limit and the index, or fail the whole send
 * before anything leaves ({@code failOnInvalid}); when none is valid the send fails;</li>
 * <li>with a tracking store, a caller's external id is an idempotency key: a message whose id was accepted earlier
 * with the same recipient and text is {@code ACCEPTED_EARLIER} and not sent, one whose id was used for another
 * recipient or text is rejected naming the earlier send, and so is a second use of an id within the send;</li>
 * <li>valid messages go out in batches of the provider's maximum; with a tracking store (and unless unknown
 * messages may be resent), each batch's messages are first marked in flight in the store and the mark is replaced
 * by the outcome once it is known, so a batch whose process died mid-request is UNKNOWN to the next send, not sent
 * again;</li>
 * <li>a batch the provider surely did not act on (refused, after the retries a temporary refusal gets) has its
 * messages {@link RecipientResult.Outcome#REJECTED} with the provider's reason, whichever batch it is;</li>
 * <li>a batch whose request may have reached the provider (read timeout, reset after the request was written, an
 * undocumented 5xx) has its messages {@link RecipientResult.Outcome#UNKNOWN} with the reason: never resent here,
 * never an exception an error handler could redeliver;</li>
 * <li>the send throws only when every valid message was refused by the provider (nothing may have been sent):
 * the exception is the first refusal, and {@link SmsProviderException#getSendResult()} accounts for every
 * message, so a caller can record each one and may safely send them all again.</li>
 * </ul>
 */
public final class SendJob<W> {

    private static final Logger LOG = LoggerFactory.getLogger(SendJob.class);
    /** How the reason of an UNKNOWN message that this send did not send (an earlier one may have) begins. */
    public static final String NOT_SENT_AGAIN = "not sent again: ";
    /**
     * The reason a message keeps when its batch was marked in flight and its outcome was never recorded: the process
     * stopped after the mark, most likely while the request was in flight.
     */
    public static final String IN_FLIGHT_REASON = "the process stopped while the request was in flight (or just"
            + " before it left); the provider may have the message";
    /** Below this many messages, preparing them on one thread costs less than handing work to others. */
    static final int PARALLEL_FROM = 1_000;

    private final String provider;
    private final boolean failOnInvalid;
    private final TrackingStore trackingStore;
    private final String account;
    private final boolean mayResendUnknown;
    private final RecipientResult[] results;
    /** The class of each result this job rejected itself (invalid, duplicate...), for the metrics' reason tag. */
    private final RejectReason[] reasons;
    private final AccountObserver observer;
    private int batchesSent;
    private final List<Prepared<W>> ready;
    /** By message index, so the exception lists them in message order whichever thread found them. */
    private final ConcurrentSkipListMap<Integer, List<Violation>> violations = new ConcurrentSkipListMap<>();
    private final List<String> batchIds = new ArrayList<>();
    /** The caller's messages, by index: their own external id (or none) and their text. */
    private List<SmsMessage> messages = List.of();

    public SendJob(String provider, int messageCount, SmsConfiguration configuration) {
        this.provider = provider;
        this.failOnInvalid = configuration.isFailOnInvalid();
        this.trackingStore = configuration.activeTrackingStore();
        this.account = configuration.trackingAccount();
        this.mayResendUnknown = configuration.mayResendUnknown();
        this.results = new RecipientResult[messageCount];
        this.reasons = new RejectReason[messageCount];
        this.observer = configuration.observer(provider);
        observer.tracking(trackingStore);
        this.ready = new ArrayList<>(messageCount);
    }

    /** A fresh correlation id for a message the caller gave none: 35 characters, fits every provider's limit. */
    public static String newExternalId() {
        return "cs-" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Prepares every message and makes the valid ones ready, in message order. Large bodies are prepared on all
     * cores (the common fork-join pool): parsing phone numbers is most of a bulk send's CPU, and the preparer
     * only reads its producer's configuration.
     */
    public void prepareAll(List<SmsMessage> messages, Preparer<W> preparer) {
        this.messages = messages;
        @SuppressWarnings("unchecked")
        Prepared<W>[] prepared = new Prepared[messages.size()];
        IntStream indexes = IntStream.range(0, messages.size());
        (messages.size() >= PARALLEL_FROM ? indexes.parallel() : indexes)
                .forEach(i -> prepared[i] = preparer.prepare(i, messages.get(i)));
        for (Prepared<W> message : prepared) {
            if (message != null) {
                ready.add(message);
            }
        }
    }

    /** Reports a message as rejected by the provider's rules; safe to call from {@link #prepareAll}'s threads. */
    public void invalid(int index, String recipient, String externalId, SmsText text, MessageRules rules) {
        violations.put(index, rules.violations());
        reasons[index] = rules.reasonClass();
        results[index] = RecipientResult.rejected(index, recipient, externalId, rules.reason(), text);
    }

    /**
     * Rejects each ready message whose {@code key} equals an earlier ready message's, as a duplicate of that one
     * ({@code why} says what makes them the same and how to allow it). For providers that cannot tell such messages
     * apart (painel correlates by campaign and number).
     */
    public void rejectRepeated(Function<Prepared<W>, Object> key, String why) {
        Map<Object, Prepared<W>> first = new HashMap<>();
        ready.removeIf(message -> {
            Prepared<W> earlier = first.putIfAbsent(key.apply(message), message);
            if (earlier == null) {
                return false;
            }
            reasons[message.index()] = RejectReason.DUPLICATE;
            results[message.index()] = message.rejected("duplicate of message " + earlier.index()
                    + described(earlier) + ": " + why);
            return true;
        });
    }

    /** A message of this send by its external id and origin: " (external id 'a-1', a.csv line 2)". */
    private String described(Prepared<W> message) {
        return " (external id '" + message.externalId() + "'" + origin(message.index(), ", ", "") + ")";
    }

    /** Sends every valid message in batches of at most {@code batchSize} and returns the whole outcome. */
    public SendResult send(int batchSize, BatchSender<W> sender) throws Exception {
        return send(ready -> Batches.of(ready, batchSize), sender);
    }

    /**
     * Like {@link #send(int, BatchSender)}, but the batches are whatever {@code partition} makes of the valid
     * messages (e.g. grouped by text, or cut by request length rather than by count). Every message must be in
     * exactly one batch.
     */
    public SendResult send(Function<List<Prepared<W>>, List<List<Prepared<W>>>> partition,
                           BatchSender<W> sender) throws Exception {
        try {
            return sendValid(partition, sender);
        } finally { // also when it throws: what was rejected or sent counts all the same
            observer.sent(Arrays.asList(results), reasons, batchesSent);
        }
    }

    private SendResult sendValid(Function<List<Prepared<W>>, List<List<Prepared<W>>>> partition,
                                 BatchSender<W> sender) throws Exception {
        if (!violations.isEmpty() && (failOnInvalid || ready.isEmpty())) {
            throw new SmsValidationException(provider, violations.values().stream().flatMap(List::stream).toList());
        }
        if (!violations.isEmpty()) {
            LOG.warn("{}: {} of {} messages are invalid and not sent; first: {}", provider, violations.size(),
                    results.length, violations.firstEntry().getValue().get(0));
        }
        skipEarlierSends();
        List<Prepared<W>> toSend = withoutEarlierUnknown();
        List<List<Prepared<W>>> batches = toSend.isEmpty() ? List.of() : partition.apply(toSend);
        SmsProviderException firstRefusal = null;
        boolean everyBatchRefused = true;
        List<Runnable> failures = new ArrayList<>(); // logged once the send is known not to throw
        for (List<Prepared<W>> batch : batches) {
            String inFlight;
            try {
                inFlight = markInFlight(batch);
            } catch (RuntimeException e) {
                LOG.error("{}: a batch of {} messages could not be recorded as in flight; not sent", provider,
                        batch.size(), e);
                for (Prepared<W> message : batch) {
                    reasons[message.index()] = RejectReason.TRACKING_UNAVAILABLE;
                    results[message.index()] = message.rejected(
                            "not sent: the tracking store could not record it as in flight (" + e.getMessage() + ")");
                }
                continue;
            }
            try {
                batchesSent++;
                BatchOutcome outcome = sender.send(batch);
                if (outcome.batchId() != null) {
                    batchIds.add(outcome.batchId());
                }
                for (RecipientResult r : outcome.recipients()) {
                    results[r.index()] = r;
                }
                everyBatchRefused = false;
                track(outcome.recipients(), inFlight);
            } catch (SmsProviderException e) {
                failures.add(() -> LOG.warn("{}: a batch of {} messages {}: {}", provider, batch.size(),
                        e.isUnknown() ? "may have reached the provider; not resent, reported as unknown"
                                : "was refused; reported as rejected", e.getMessage()));
                List<RecipientResult> failed = new ArrayList<>(batch.size());
                for (Prepared<W> message : batch) {
                    results[message.index()] = message.failed(e);
                    failed.add(results[message.index()]);
                }
                if (e.isUnknown()) {
                    everyBatchRefused = false;
                } else if (firstRefusal == null) {
                    firstRefusal = e;
                }
                track(failed, inFlight); // refused: records nothing, only drops the in-flight marks
            }
        }
        SendResult result = new SendResult(provider, batchIds, Arrays.asList(results), null);
        if (everyBatchRefused && firstRefusal != null) { // the exception says it: one line for the fault, the caller's
            firstRefusal.attachSendResult(result);
            throw firstRefusal;
        }
        failures.forEach(Runnable::run);
        return result;
    }

    /**
     * The ready messages less those whose external id an earlier send left with an unknown outcome: they are reported
     * UNKNOWN again, with the earlier reason, unless they may be resent ({@link SmsConfiguration#mayResendUnknown}).
     */
    private List<Prepared<W>> withoutEarlierUnknown() {
        if (trackingStore == null || mayResendUnknown || ready.isEmpty()) {
            return ready;
        }
        // ids the component generated are new by construction: only the caller's can have been sent before
        Map<String, String> earlier = trackingStore.unknownExternalIds(provider,
                ready.stream().map(this::callersId).filter(Objects::nonNull).toList());
        if (earlier.isEmpty()) {
            return ready;
        }
        List<Prepared<W>> toSend = new ArrayList<>(ready.size());
        for (Prepared<W> message : ready) {
            String reason = earlier.get(message.externalId());
            if (reason == null) {
                toSend.add(message);
            } else {
                reasons[message.index()] = RejectReason.EARLIER_UNKNOWN;
                results[message.index()] = message.unknown(NOT_SENT_AGAIN + "an earlier send of external id '"
                        + message.externalId() + "' may have reached the provider (" + reason + "); check with the"
                        + " provider, or set resendUnknown=true");
            }
        }
        LOG.warn("{}: {} messages not sent again: an earlier send of their external id had an unknown outcome",
                provider, ready.size() - toSend.size());
        return toSend;
    }

    /**
     * The idempotency check, before anything leaves: one store look-up for the caller's external ids (ids the
     * component generated are new by construction), answered by the store's index alone. Same id, recipient and text
     * as a message accepted earlier: {@code ACCEPTED_EARLIER}, not sent. Same id, other content: rejected, naming
     * the earlier send. An id used twice in this send: the second is rejected as a duplicate of the first.
     */
    private void skipEarlierSends() {
        if (trackingStore == null || ready.isEmpty()) {
            return;
        }
        Map<String, Prepared<W>> firstUse = new HashMap<>();
        ready.removeIf(message -> {
            String id = callersId(message);
            Prepared<W> earlier = id == null ? null : firstUse.putIfAbsent(id, message);
            if (earlier != null) {
                reasons[message.index()] = RejectReason.DUPLICATE;
                results[message.index()] = message.rejected("external id '" + id + "' is also message "
                        + earlier.index() + origin(earlier.index(), " (", ")")
                        + " of this send; an external id names one message");
            }
            return earlier != null;
        });
        if (firstUse.isEmpty()) {
            return;
        }
        Map<String, String> earlier = trackingStore.earlierContent(provider, firstUse.keySet());
        if (earlier.isEmpty()) {
            return;
        }
        List<Prepared<W>> conflicts = new ArrayList<>();
        ready.removeIf(message -> {
            String id = callersId(message);
            if (!earlier.containsKey(id)) {
                return false;
            }
            String digest = earlier.get(id);
            if (digest == null || digest.equals(contentHash(message.index(), message.recipient()))) {
                results[message.index()] = RecipientResult.acceptedEarlier(message.index(), message.recipient(),
                        message.externalId(), null, null, message.text());
            } else {
                conflicts.add(message);
            }
            return true;
        });
        if (!conflicts.isEmpty()) {
            // rare: read the earlier messages to name them
            Map<String, TrackedMessage> sent = trackingStore.earlierSends(provider,
                    conflicts.stream().map(Prepared::externalId).toList());
            for (Prepared<W> message : conflicts) {
                reasons[message.index()] = RejectReason.CONFLICT;
                results[message.index()] = conflict(message, sent.get(message.externalId()));
            }
        }
        LOG.info("{}: {} of {} messages carry external ids accepted earlier; not sent again ({} with other content)",
                provider, earlier.size(), results.length, conflicts.size());
    }

    private RecipientResult conflict(Prepared<W> message, TrackedMessage sent) {
        return message.rejected("external id '" + message.externalId() + "' was already used for another"
                + (sent.recipient().equals(message.recipient()) ? " text" : " recipient or text") + ": " + provider
                + " accepted it on " + sent.createdAt() + described(sent)
                + "; not sent (use a new external id for a new message)");
    }

    /** The digest an earlier send's content is compared with: the recipient as sent and the caller's text. */
    private String contentHash(int index, String recipient) {
        return TrackedMessage.contentHashOf(recipient, messages.get(index).text());
    }

    /** The external id the caller gave the message, or null when the component generated it. */
    private String callersId(Prepared<W> message) {
        return messages.get(message.index()).externalId() == null ? null : message.externalId();
    }

    /** The earlier send's origin and provider ids, as far as known: " (from a.csv line 2, campaign 1042)". */
    private static String described(TrackedMessage sent) {
        List<String> parts = new ArrayList<>(2);
        if (sent.origin() != null) {
            parts.add("from " + sent.origin());
        }
        if (sent.campaignId() != null) {
            parts.add("campaign " + sent.campaignId());
        } else if (sent.providerMessageId() != null) {
            parts.add("message id " + sent.providerMessageId());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** The caller's {@link SmsMessage#ORIGIN_OPTION} of a message, between {@code before} and {@code after}. */
    private String origin(int index, String before, String after) {
        String origin = messages.get(index).option(SmsMessage.ORIGIN_OPTION);
        return origin == null ? "" : before + origin + after;
    }

    /**
     * The write-ahead: before the batch's request leaves, records its messages that carry the caller's external id
     * as in flight, in one batched insert, so that if the process dies before the outcome is recorded, a resumed run
     * finds them unknown and does not send them again. Only with a tracking store and where unknown messages are
     * not resent anyway (webcom dedupes by our id; {@code resendUnknown}); ids the component generated are new by
     * construction and never asked for. Returns the batch's key, or null when nothing was marked.
     */
    private String markInFlight(List<Prepared<W>> batch) {
        if (trackingStore == null || mayResendUnknown) {
            return null;
        }
        Instant now = Instant.now();
        List<UnknownSend> marks = new ArrayList<>(batch.size());
        for (Prepared<W> message : batch) {
            if (callersId(message) != null) {
                marks.add(new UnknownSend(provider, account, message.externalId(), message.recipient(),
                        IN_FLIGHT_REASON, now));
            }
        }
        if (marks.isEmpty()) {
            return null;
        }
        String key = UUID.randomUUID().toString();
        trackingStore.recordInFlight(key, marks);
        return key;
    }

    /**
     * Records the batch's accepted messages at once, so what the provider took is known even if the process dies
     * before the send completes, and its messages with an unknown outcome, with the reason, so that none is sent
     * again blindly; with {@code inFlight}, in the same transaction that drops the batch's in-flight marks (a refused
     * batch records nothing else). The provider already has them (or may have): a store failure is logged, never
     * thrown, because failing the exchange would invite a re-send; the marks then stay, and the messages count as
     * unknown.
     */
    private void track(List<RecipientResult> batch, String inFlight) {
        if (trackingStore == null) {
            return;
        }
        Instant now = Instant.now();
        List<TrackedMessage> accepted = new ArrayList<>(batch.size());
        List<UnknownSend> unknown = new ArrayList<>();
        for (RecipientResult r : batch) {
            if (r.accepted()) {
                accepted.add(TrackedMessage.accepted(provider, account, r.externalId(), r.recipient(),
                        r.providerMessageId(), r.batchId(), now,
                        contentHash(r.index(), r.recipient()),
                        messages.get(r.index()).option(SmsMessage.ORIGIN_OPTION)));
            } else if (r.outcome() == RecipientResult.Outcome.UNKNOWN) {
                unknown.add(new UnknownSend(provider, account, r.externalId(), r.recipient(), r.reason(), now));
            }
        }
        if (inFlight == null && accepted.isEmpty() && unknown.isEmpty()) {
            return;
        }
        try {
            if (inFlight != null) {
                trackingStore.settleInFlight(inFlight, accepted, unknown);
            } else {
                trackingStore.recordAccepted(accepted);
                if (!unknown.isEmpty()) {
                    trackingStore.recordUnknown(unknown);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("{}: {} accepted and {} unknown messages could not be recorded for tracking", provider,
                    accepted.size(), unknown.size(), e);
        }
    }

    /** One message in the provider's shape, or null after reporting it with {@link #invalid}. */
    @FunctionalInterface
    public interface Preparer<W> {
        Prepared<W> prepare(int index, SmsMessage message);
    }

    /** Sends one batch; returns one {@link RecipientResult} per message of the batch. */
    @FunctionalInterface
    public interface BatchSender<W> {
        BatchOutcome send(List<Prepared<W>> batch) throws Exception;
    }

    /**
     * @param batchId    the provider's id of the request or campaign, or null when it returns none
     * @param recipients one result per message of the batch
     */
    public record BatchOutcome(String batchId, List<RecipientResult> recipients) {

        public static <W> BatchOutcome allAccepted(String batchId, List<Prepared<W>> batch) {
            List<RecipientResult> accepted = new ArrayList<>(batch.size());
            for (Prepared<W> message : batch) {
                accepted.add(message.accepted(batchId, null));
            }
            return new BatchOutcome(batchId, accepted);
        }
    }
}
