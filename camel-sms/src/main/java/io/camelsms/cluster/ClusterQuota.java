package io.camelsms.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.camelsms.core.QuotaThrottle;
import io.camelsms.core.SharedQuota;

/**
 * Quotas in {@code sms_cluster_permit}: a permit is taken in one transaction that holds PostgreSQL's advisory lock
 * of the key (nodes asking at once queue there), reads the key's sends of the longest window, applies
 * {@link QuotaThrottle#waitNeeded} and inserts the permit. A permit still in flight after {@link #IN_FLIGHT_LEASE}
 * (its node died mid-request) counts as done then, so a dead node does not block the account for ever.
 */
final class ClusterQuota implements SharedQuota {

    /** Longer than any provider request (timeouts and retries included). */
    static final Duration IN_FLIGHT_LEASE = Duration.ofMinutes(5);

    private final Supplier<DataSource> dataSource;

    ClusterQuota(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Grant tryAcquire(String key, List<QuotaThrottle.Window> windows, Instant asked) {
        // PostgreSQL keeps microseconds, rounding: a permit stamped with the nanoseconds would come back later than
        // the same now, and a send "later than now" is not counted
        Instant now = asked.truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.get().getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "camel-sms-quota:" + key);
                    lock.execute();
                }
                List<Instant> finished = new ArrayList<>();
                int inFlight = 0;
                try (PreparedStatement select = connection.prepareStatement("SELECT granted_at, done_at FROM"
                        + " sms_cluster_permit WHERE quota_key = ? AND (done_at IS NULL OR done_at > ?)")) {
                    select.setString(1, key);
                    select.setTimestamp(2, Timestamp.from(now.minus(QuotaThrottle.LONGEST_WINDOW)));
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            Instant granted = rs.getTimestamp(1).toInstant();
                            Timestamp done = rs.getTimestamp(2);
                            if (done != null) {
                                finished.add(done.toInstant());
                            } else if (granted.plus(IN_FLIGHT_LEASE).isBefore(now)) {
                                finished.add(granted.plus(IN_FLIGHT_LEASE));
                            } else {
                                inFlight++;
                            }
                        }
                    }
                }
                Duration wait = QuotaThrottle.waitNeeded(windows, finished, inFlight, now);
                Grant grant;
                if (wait != null && wait.isZero()) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sms_cluster_permit"
                            + " (quota_key, granted_at) VALUES (?, ?) RETURNING id")) {
                        insert.setString(1, key);
                        insert.setTimestamp(2, Timestamp.from(now));
                        try (ResultSet rs = insert.executeQuery()) {
                            rs.next();
                            grant = new Grant(rs.getLong(1), null);
                        }
                    }
                } else {
                    grant = new Grant(null, wait);
                }
                connection.commit();
                return grant;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ClusterException("taking a quota permit", e);
        }
    }

    @Override
    public void done(long permit, Instant at) {
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE sms_cluster_permit SET done_at = ? WHERE id = ? AND done_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(at.truncatedTo(ChronoUnit.MICROS)));
            update.setLong(2, permit);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new ClusterException("finishing a quota permit", e);
        }
    }
}
