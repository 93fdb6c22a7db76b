package io.camelsms.smsway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.camelsms.core.EventIds;
import io.camelsms.smsway.model.SmswaySendRequest;
import io.camelsms.smsway.model.SmswaySms;

/**
 * Which smsgetlast entry is a message we sent. SmsWay returns no message id, neither on smssend nor in
 * smsgetlast, so the one rule is: <b>same recipient digits, same text (as the provider keeps it: cut at 160), and a
 * {@code tsreq} within {@code window} of when we sent it</b>. The window absorbs the provider's clock against ours
 * and the time the request took.
 *
 * <p>The producer records this rule as the message's synthetic {@link #messageId message id}: a digest of recipient
 * digits and text, plus the send time ({@code <digest>@<epoch ms>}). The digest is what an smsgetlast entry
 * recomputes; the send time is what its {@code tsreq} is compared with. Producer, {@code smsway:dlr} and the
 * methods below all decide through {@link #matches(String, SmswaySms)}.
 *
 * <p>Limits: two identical texts to the same number within the window are told apart only by time: {@link #pair}
 * gives each sent message the entry closest to its send time, each entry at most once, so they may be swapped
 * when they were sent closer together than the provider's clock is off from ours (e.g. in parallel);
 * {@link #candidates} shows such an ambiguity. Messages older than the latest 100 are out of smsgetlast's reach.
 */
public final class SmswayStatusMatch {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);
    /** Separates the digest from the send time in a message id. */
    private static final char AT = '@';

    private final Duration window;

    public SmswayStatusMatch(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative: " + window);
        }
        this.window = window;
    }

    public static SmswayStatusMatch withDefaultWindow() {
        return new SmswayStatusMatch(DEFAULT_WINDOW);
    }

    /**
     * The synthetic message id the producer records for a message sent to {@code recipient} with {@code text} (as
     * sent) at {@code sentAt}: {@code <digest of recipient digits and kept text>@<epoch ms>}.
     */
    public static String messageId(String recipient, String text, Instant sentAt) {
        return digest(recipient, text) + AT + sentAt.toEpochMilli();
    }

    /** The send time inside a {@link #messageId}, or empty when {@code messageId} is not one. */
    public static Optional<Instant> sentAt(String messageId) {
        int at = messageId == null ? -1 : messageId.lastIndexOf(AT);
        if (at < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(messageId.substring(at + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code entry} is the message with this {@link #messageId}. */
    public boolean matches(String messageId, SmswaySms entry) {
        Optional<Instant> sentAt = sentAt(messageId);
        return sentAt.isPresent() && entry.recipient() != null && entry.tsreq() != null && entry.smstext() != null
               && messageId.substring(0, messageId.lastIndexOf(AT)).equals(digest(entry.recipient(), entry.smstext()))
               && distance(sentAt.get(), entry).compareTo(window) <= 0;
    }

    /** Whether {@code entry} is the message sent to {@code recipient} with {@code text} at {@code requestedAt}. */
    public boolean matches(String recipient, String text, Instant requestedAt, SmswaySms entry) {
        return matches(messageId(recipient, text, requestedAt), entry);
    }

    /** Every entry that matches, closest {@code tsreq} first; more than one means the match is ambiguous. */
    public List<SmswaySms> candidates(String recipient, String text, Instant requestedAt, List<SmswaySms> entries) {
        String id = messageId(recipient, text, requestedAt);
        return entries.stream().filter(e -> matches(id, e))
                .sorted(Comparator.comparing(e -> distance(requestedAt, e))).toList();
    }

    /** The matching entry closest in time, if any. */
    public Optional<SmswaySms> find(String recipient, String text, Instant requestedAt, List<SmswaySms> entries) {
        return candidates(recipient, text, requestedAt, entries).stream().findFirst();
    }

    /**
     * Each message id with its entry: of all matching (id, entry) pairs the closest in time are taken first, and an
     * entry goes to one message only, so two identical texts to one number get one entry each.
     */
    public Map<String, SmswaySms> pair(Collection<String> messageIds, List<SmswaySms> entries) {
        record Candidate(String messageId, SmswaySms entry, Duration distance) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String id : messageIds) {
            for (SmswaySms entry : entries) {
                if (matches(id, entry)) {
                    candidates.add(new Candidate(id, entry, distance(sentAt(id).orElseThrow(), entry)));
                }
            }
        }
        candidates.sort(Comparator.comparing(Candidate::distance)
                .thenComparing(c -> sentAt(c.messageId()).orElseThrow()).thenComparing(c -> c.entry().tsreq()));
        Map<String, SmswaySms> paired = new LinkedHashMap<>();
        Set<SmswaySms> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Candidate c : candidates) {
            if (!paired.containsKey(c.messageId()) && taken.add(c.entry())) {
                paired.put(c.messageId(), c.entry());
            }
        }
        return paired;
    }

    /**
     * A stable key for one entry (recipient, tsreq, text), the same on every poll; used as the message id of
     * {@code smsway:last}'s reports, which are not matched to sent messages.
     */
    public static String entryKey(SmswaySms entry) {
        return EventIds.of("smsway-sms", entry.recipient(), entry.tsreq(), entry.smstext());
    }

    private static String digest(String recipient, String text) {
        return EventIds.of("smsway-message", digits(recipient), asKept(text));
    }

    private static Duration distance(Instant requestedAt, SmswaySms entry) {
        return Duration.between(requestedAt, entry.requestedAt()).abs();
    }

    private static String digits(String number) {
        return number == null ? "" : number.replaceAll("\\D", "");
    }

    private static String asKept(String text) {
        return SmswayTexts.cut(text == null ? "" : SmswayTexts.withCrlf(text), SmswaySendRequest.MAX_SMSTEXT);
    }
}
