package io.camelsms.observability;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.concurrent.atomic.LongAdder;

import io.camelsms.core.DeliveryStatus;
import io.camelsms.tracking.TrackingStore;

/**
 * The sms dev console's own counters, kept without Micrometer: per provider account the same counts as the metrics,
 * the open messages (through an {@link OpenMessagesWatch}) and the last {@link #LAST_ERRORS} errors (a code or an
 * HTTP status, never a message text). A few adders per event.
 */
public final class SmsStats implements SmsObserver {

    /** How many errors the console remembers, newest first. */
    public static final int LAST_ERRORS = 20;

    private final Map<AccountKey, AccountStats> accounts = new ConcurrentHashMap<>();
    private final Deque<RecentError> lastErrors = new ArrayDeque<>(LAST_ERRORS);
    private final Clock clock;

    public SmsStats(Clock clock) {
        this.clock = clock;
    }

    /** A provider account: the provider's scheme and the account's tracking label. */
    public record AccountKey(String provider, String account) {
    }

    /** One remembered error: when, whose, and what ({@code provider error} with its code, or a refused webhook). */
    public record RecentError(Instant at, String provider, String account, String kind, String code) {
    }

    /** Counts of one provider account since the context started. */
    public static final class AccountStats {
        private final LongAdder accepted = new LongAdder();
        private final LongAdder acceptedEarlier = new LongAdder();
        private final LongAdder segments = new LongAdder();
        private final LongAdder batches = new LongAdder();
        private final LongAdder retries = new LongAdder();
        private final LongAdder replies = new LongAdder();
        private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> unknown = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> providerErrors = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> reports = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> webhookRefused = new ConcurrentHashMap<>();
        private volatile OpenMessagesWatch open;
        private volatile Supplier<String> circuitBreaker;

        public long accepted() {
            return accepted.sum();
        }

        public long acceptedEarlier() {
            return acceptedEarlier.sum();
        }

        public long segments() {
            return segments.sum();
        }

        public long batches() {
            return batches.sum();
        }

        public long retries() {
            return retries.sum();
        }

        public long replies() {
            return replies.sum();
        }

        /** Rejected messages by reason class ({@link RejectReason#tag()}). */
        public Map<String, Long> rejected() {
            return sums(rejected);
        }

        /** Messages with an unknown outcome by reason class. */
        public Map<String, Long> unknown() {
            return sums(unknown);
        }

        public Map<String, Long> providerErrors() {
            return sums(providerErrors);
        }

        /** Delivery reports routed, by normalised status. */
        public Map<String, Long> reports() {
            return sums(reports);
        }

        /** Webhook calls refused, by HTTP status. */
        public Map<String, Long> webhookRefused() {
            return sums(webhookRefused);
        }

        /** The state of the sms: router's circuit breaker of the account, or null when no router guards it. */
        public String circuitBreaker() {
            Supplier<String> state = circuitBreaker;
            return state == null ? null : state.get();
        }

        /** The open messages of the account's tracking store, or null when it has none. */
        public OpenMessagesWatch open() {
            return open;
        }

        private static Map<String, Long> sums(Map<String, LongAdder> adders) {
            Map<String, Long> sums = new TreeMap<>();
            adders.forEach((key, adder) -> sums.put(key, adder.sum()));
            return sums;
        }

        private static void add(Map<String, LongAdder> adders, String key, long n) {
            adders.computeIfAbsent(key, k -> new LongAdder()).add(n);
        }
    }

    /** Every account seen so far, by provider then account. */
    public Map<AccountKey, AccountStats> accounts() {
        Map<AccountKey, AccountStats> sorted = new TreeMap<>(
                Comparator.comparing(AccountKey::provider).thenComparing(AccountKey::account));
        sorted.putAll(accounts);
        return sorted;
    }

    /** The last errors, newest first. */
    public synchronized List<RecentError> lastErrors() {
        return List.copyOf(lastErrors);
    }

    private AccountStats of(String provider, String account) {
        return accounts.computeIfAbsent(new AccountKey(provider, account), key -> new AccountStats());
    }

    @Override
    public void sent(String provider, String account, SendSummary summary) {
        AccountStats stats = of(provider, account);
        stats.accepted.add(summary.accepted());
        stats.acceptedEarlier.add(summary.acceptedEarlier());
        stats.segments.add(summary.segments());
        stats.batches.add(summary.batches());
        summary.rejected().forEach((reason, n) -> AccountStats.add(stats.rejected, reason.tag(), n));
        summary.unknown().forEach((reason, n) -> AccountStats.add(stats.unknown, reason.tag(), n));
    }

    @Override
    public void retried(String provider, String account) {
        of(provider, account).retries.increment();
    }

    @Override
    public void providerError(String provider, String account, String code) {
        AccountStats.add(of(provider, account).providerErrors, code, 1);
        remember(new RecentError(clock.instant(), provider, account, "provider error", code));
    }

    @Override
    public void deliveryReport(String provider, String account, DeliveryStatus status) {
        AccountStats.add(of(provider, account).reports, status.name(), 1);
    }

    @Override
    public void replyReceived(String provider, String account) {
        of(provider, account).replies.increment();
    }

    @Override
    public void webhookRefused(String provider, String account, int status) {
        AccountStats.add(of(provider, account).webhookRefused, String.valueOf(status), 1);
        remember(new RecentError(clock.instant(), provider, account, "webhook refused", String.valueOf(status)));
    }

    @Override
    public void tracking(String provider, String account, TrackingStore store) {
        AccountStats stats = of(provider, account);
        if (stats.open == null) {
            stats.open = new OpenMessagesWatch(provider, account, store, clock);
        }
    }

    @Override
    public void circuitBreaker(String provider, String account, Supplier<String> state) {
        of(provider, account).circuitBreaker = state;
    }

    private synchronized void remember(RecentError error) {
        if (lastErrors.size() == LAST_ERRORS) {
            lastErrors.removeLast();
        }
        lastErrors.addFirst(error);
    }
}
