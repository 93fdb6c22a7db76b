package io.camelsms.tracking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.spi.IdempotentRepository;

import io.camelsms.core.DeliveryStatus;

/**
 * Where camel-sms remembers what it sent and what it already told the routes. It is also Camel's
 * {@link IdempotentRepository} of emitted event ids, so any polling consumer can use it as its
 * {@code emittedRepository}: an event recorded here is never emitted again, also after a restart.
 */
public interface TrackingStore extends IdempotentRepository {

    /** Records messages the provider accepted, in batched inserts. */
    void recordAccepted(List<TrackedMessage> messages);

    /**
     * Of these external ids, the ones already recorded as accepted for the provider, each with the digest of its
     * content ({@link TrackedMessage#contentHashOf}; a null value for a message recorded before the digest was
     * kept), in one look-up per 500 ids that reads the index only: what a send asks before anything leaves, so an
     * id is sent once.
     */
    Map<String, String> earlierContent(String provider, Collection<String> externalIds);

    /**
     * Of these external ids, the ones already recorded as accepted for the provider, each with the message first
     * recorded under it (recipient, content digest, date, origin and provider ids): what a conflict is explained by.
     */
    Map<String, TrackedMessage> earlierSends(String provider, Collection<String> externalIds);

    /** Records messages whose send may have reached the provider without an answer (not resent), with the reason. */
    void recordUnknown(List<UnknownSend> messages);

    /**
     * The write-ahead of a send: records a batch's messages as in flight under {@code batchKey}, before its request
     * leaves. Until {@link #settleInFlight} the messages count as unknown ({@link #unknownExternalIds}, with their
     * reason), so a run that resumes after the process died mid-request does not send them again.
     */
    void recordInFlight(String batchKey, List<UnknownSend> messages);

    /**
     * Records a batch's outcome and drops its in-flight marks: the accepted messages as {@link #recordAccepted}, the
     * unknown ones as {@link #recordUnknown} (with the real reason); refused messages are in neither list, so nothing
     * of them remains. The marks go in the transaction that commits the last of it; a large batch's accepted messages
     * may commit before, in chunks: a crash in between leaves them accepted and the rest unknown.
     */
    void settleInFlight(String batchKey, List<TrackedMessage> accepted, List<UnknownSend> unknown);

    /**
     * Of these external ids, the ones recorded with an unknown send outcome for the provider and not accepted since,
     * each with its latest reason: a later send must not send them blindly.
     */
    Map<String, String> unknownExternalIds(String provider, Collection<String> externalIds);

    /** Campaign ids that still have messages without a final status. */
    List<String> openCampaigns(String provider, String account);

    /** Whether any message of the provider still waits for a final status (any account). */
    boolean hasOpenMessages(String provider);

    /**
     * How many messages of each provider are in each status (statuses without messages left out), providers in
     * alphabetical order: what an operator's overview shows. Read-only.
     */
    Map<String, Map<DeliveryStatus, Long>> statusCountsByProvider();

    /**
     * How many of the provider's messages that came from {@code originFile} are in each status (statuses without
     * messages left out). The file is a message's origin without its trailing line number
     * ({@link TrackedMessage#originFile}): {@code orders.csv} counts {@code orders.csv line 1}, {@code line 2} ...
     * Read-only.
     */
    Map<DeliveryStatus, Long> statusCounts(String provider, String originFile);

    /**
     * How many of the account's messages wait for a final status, and when the oldest of them was accepted: one
     * aggregate over the open-message index, what a gauge or a console asks every few seconds.
     */
    OpenMessages openMessageCount(String provider, String account);

    /** Messages without a final status, oldest first, at most {@code limit}. */
    List<TrackedMessage> openMessages(String provider, String account, int limit);

    /** The account's message with this provider id (the latest, if the provider reused an id). */
    Optional<TrackedMessage> findByProviderMessageId(String provider, String account, String providerMessageId);

    /**
     * The account's messages to {@code recipient} in a campaign: usually one; several copies of one number (painel's
     * allowDuplicateRecipients) come open ones first, oldest first, so each status line goes to a copy of its own.
     */
    List<TrackedMessage> findByCampaignAndRecipient(String provider, String account, String campaignId,
                                                    String recipient);

    /**
     * Records a status change; call it only after the change's exchange completed, so a failed route sees the
     * change again. Returns false when the message is unknown, already has this raw status, or the change would take
     * its status back (see {@link StatusOrder}: statuses only move forward).
     */
    boolean updateStatus(long id, DeliveryStatus status, String rawStatus, Instant statusAt);

    /**
     * The account's messages with these provider ids, by provider id (the latest per id); ids not tracked are
     * absent. A batched push or a poll's page looks its messages up in one query where the store can.
     */
    default Map<String, TrackedMessage> findByProviderMessageIds(String provider, String account,
                                                                 Collection<String> providerMessageIds) {
        Map<String, TrackedMessage> found = new java.util.HashMap<>();
        for (String id : providerMessageIds) {
            findByProviderMessageId(provider, account, id).ifPresent(m -> found.put(id, m));
        }
        return found;
    }

    /**
     * {@link #updateStatus} for several changes in one transaction where the store can (the reports of one batched
     * push or one poll's page); answers each change's result in order.
     */
    default boolean[] updateStatuses(List<StatusChange> changes) {
        boolean[] updated = new boolean[changes.size()];
        for (int i = 0; i < changes.size(); i++) {
            StatusChange c = changes.get(i);
            updated[i] = updateStatus(c.id(), c.status(), c.rawStatus(), c.statusAt());
        }
        return updated;
    }

    /** A status change of a tracked message, as {@link #updateStatus} takes it. */
    record StatusChange(long id, DeliveryStatus status, String rawStatus, Instant statusAt) {
    }

    /**
     * A mark to take before looking messages up, for {@link #changedSince}; 0 in a store that does not keep them.
     */
    default long statusMark() {
        return 0;
    }

    /**
     * Whether a status of message {@code id} may have been recorded since {@code mark} was taken: a caller that
     * claimed a message it read after the mark need not read it again when this is false. True unless the store
     * knows every status written (a store whose claims span several processes must answer true).
     */
    default boolean changedSince(long id, long mark) {
        return true;
    }

    /**
     * Claims {@code key} (a message or an event) for the caller while it routes it, so a push and a poll in this
     * JVM never route the same change at once. False when someone else holds it. Claims live in this process only:
     * several processes on one database may each emit a change once (at least once overall).
     */
    boolean claim(String key);

    /** Gives a claim back (after recording, or after the route failed). */
    void release(String key);

    /** The account's open messages recorded before {@code cutoff}: the ones whose tracking has run out. */
    List<TrackedMessage> openOlderThan(String provider, String account, Instant cutoff, int limit);

    /**
     * @param count          the account's messages without a final status
     * @param oldestAccepted when the oldest of them was accepted, or null when there is none
     */
    record OpenMessages(long count, Instant oldestAccepted) {
    }
}
