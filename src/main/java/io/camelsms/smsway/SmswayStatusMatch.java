package io.camelsms.smsway;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.camelsms.core.EventIds;
import io.camelsms.smsway.model.SmswaySendRequest;
import io.camelsms.smsway.model.SmswaySms;

/**
 * Which smsgetlast entry is a message we sent. SmsWay returns no message id, neither on smssend nor in
 * smsgetlast, so the one rule is: <b>same recipient digits, same text (as the provider keeps it: cut at 160), and a
 * {@code tsreq} within {@code window} of when we sent it</b>. The window absorbs the provider's clock against ours
 * and the time the request took.
 *
 * <p>Limits: two identical texts to the same number within the window cannot be told apart; {@link #find} then
 * returns the entry whose {@code tsreq} is closest to the send time, which may be the other one, and
 * {@link #candidates} returns both so a caller can see the ambiguity. Messages older than the latest 100 are out
 * of smsgetlast's reach.
 */
public final class SmswayStatusMatch {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);

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

    /** Whether {@code entry} is the message sent to {@code recipient} with {@code text} at {@code requestedAt}. */
    public boolean matches(String recipient, String text, Instant requestedAt, SmswaySms entry) {
        return entry.recipient() != null && entry.tsreq() != null && entry.smstext() != null
               && digits(entry.recipient()).equals(digits(recipient))
               && entry.smstext().equals(asKept(text))
               && distance(requestedAt, entry).compareTo(window) <= 0;
    }

    /** Every entry that matches, closest {@code tsreq} first; more than one means the match is ambiguous. */
    public List<SmswaySms> candidates(String recipient, String text, Instant requestedAt, List<SmswaySms> entries) {
        return entries.stream().filter(e -> matches(recipient, text, requestedAt, e))
                .sorted(Comparator.comparing(e -> distance(requestedAt, e))).toList();
    }

    /** The matching entry closest in time, if any. */
    public Optional<SmswaySms> find(String recipient, String text, Instant requestedAt, List<SmswaySms> entries) {
        return candidates(recipient, text, requestedAt, entries).stream().findFirst();
    }

    /**
     * A stable key for one entry (recipient, tsreq, text), the same on every poll; used as the delivery report's
     * message id since the provider has none.
     */
    public static String entryKey(SmswaySms entry) {
        return EventIds.of("smsway-sms", entry.recipient(), entry.tsreq(), entry.smstext());
    }

    private static Duration distance(Instant requestedAt, SmswaySms entry) {
        return Duration.between(requestedAt, entry.requestedAt()).abs();
    }

    private static String digits(String number) {
        return number == null ? "" : number.replaceAll("\\D", "");
    }

    private static String asKept(String text) {
        return SmswayTexts.cut(text == null ? "" : text, SmswaySendRequest.MAX_SMSTEXT);
    }
}
