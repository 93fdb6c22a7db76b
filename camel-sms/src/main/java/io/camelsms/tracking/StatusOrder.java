package io.camelsms.tracking;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.camelsms.core.DeliveryStatus;

/**
 * Statuses only move forward: accepted → queued (or a status the provider's documents do not list) → sent →
 * delivered, failed, expired or cancelled, and delivered → read. Failed, expired, cancelled and read never change
 * again; delivered changes only to read. A report of a step already reached (webcom {@code send}, then
 * {@code partly_deliver}: both SENT) is news while the message is open and the raw status differs.
 * <p>
 * One rule for the {@link DeliveryTracker}, which decides what to emit, and for the store's update, which applies it
 * again in its WHERE clause, so two reports that race each other cannot take a status back either.
 */
final class StatusOrder {

    private static final Map<DeliveryStatus, String> UPDATE_CONDITIONS = new EnumMap<>(DeliveryStatus.class);

    static {
        for (DeliveryStatus next : DeliveryStatus.values()) {
            UPDATE_CONDITIONS.put(next, "(status IN (" + statuses(s -> !isClosed(s) && rank(s) < rank(next))
                    + ") OR (status IN (" + statuses(s -> rank(s) == rank(next) && !s.isFinal())
                    + ") AND (raw_status IS NULL OR raw_status <> ?)))");
        }
    }

    private StatusOrder() {
    }

    /** The step of a message's life a status stands for. */
    static int rank(DeliveryStatus status) {
        return switch (status) {
            case ACCEPTED -> 0;
            case QUEUED, UNKNOWN -> 1;
            case SENT -> 2;
            case DELIVERED, FAILED, EXPIRED, CANCELLED -> 3;
            case READ -> 4;
        };
    }

    /** A final status that never changes again (all but delivered, which may still be read). */
    static boolean isClosed(DeliveryStatus status) {
        return status.isFinal() && status != DeliveryStatus.DELIVERED;
    }

    /** Whether a report of {@code next} ({@code nextRaw}) moves a message now at {@code current} forward. */
    static boolean isNews(DeliveryStatus current, String currentRaw, DeliveryStatus next, String nextRaw) {
        if (isClosed(current)) {
            return false;
        }
        return rank(next) > rank(current)
               || rank(next) == rank(current) && !current.isFinal() && !Objects.equals(nextRaw, currentRaw);
    }

    /** Whether a report that is not news contradicts the stored status (rather than repeating it). */
    static boolean contradicts(DeliveryStatus current, String currentRaw, DeliveryStatus next, String nextRaw) {
        return !isNews(current, currentRaw, next, nextRaw) && (next != current || !Objects.equals(nextRaw, currentRaw));
    }

    /**
     * The SQL condition on {@code status} and {@code raw_status} under which a row may move to {@code next}: the same
     * rule as {@link #isNews}. It takes one parameter, the new raw status.
     */
    static String updateCondition(DeliveryStatus next) {
        return UPDATE_CONDITIONS.get(next);
    }

    private static String statuses(Predicate<DeliveryStatus> which) {
        String names = Arrays.stream(DeliveryStatus.values()).filter(which).map(s -> "'" + s.name() + "'")
                .collect(Collectors.joining(", "));
        // an empty IN () is not SQL; NULL matches nothing
        return names.isEmpty() ? "NULL" : names;
    }
}
