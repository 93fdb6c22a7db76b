package io.camelsms.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.camelsms.core.SharedRateGuard;

/**
 * Rate slots in {@code sms_cluster_rate}: one row per key, taken by one conditional upsert, so two nodes asking at
 * once get one slot between them (PostgreSQL's row lock orders them). Times are the callers' clocks (keep the nodes'
 * clocks in sync, as NTP does), so a test's clock drives it as it drives the in-process guard.
 */
final class ClusterRateGuard implements SharedRateGuard {

    private static final String TAKE = "INSERT INTO sms_cluster_rate (rate_key, last_call) VALUES (?, ?)"
            + " ON CONFLICT (rate_key) DO UPDATE SET last_call = EXCLUDED.last_call"
            + " WHERE sms_cluster_rate.last_call <= ?";

    private final Supplier<DataSource> dataSource;

    ClusterRateGuard(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Duration tryTake(String key, Instant now, Duration interval) {
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setString(1, key);
            take.setTimestamp(2, Timestamp.from(now));
            take.setTimestamp(3, Timestamp.from(now.minus(interval)));
            if (take.executeUpdate() == 1) {
                return Duration.ZERO;
            }
            Instant last = lastCall(connection, key);
            Duration wait = last == null ? Duration.ZERO : Duration.between(now, last.plus(interval));
            return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
        } catch (SQLException e) {
            throw new ClusterException("taking a rate slot", e);
        }
    }

    @Override
    public boolean isFree(String key, Instant now, Duration interval) {
        try (Connection connection = dataSource.get().getConnection()) {
            Instant last = lastCall(connection, key);
            return last == null || !now.isBefore(last.plus(interval));
        } catch (SQLException e) {
            throw new ClusterException("reading a rate slot", e);
        }
    }

    @Override
    public void finished(String key, Instant at) {
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE sms_cluster_rate SET last_call = ? WHERE rate_key = ? AND last_call < ?")) {
            update.setTimestamp(1, Timestamp.from(at));
            update.setString(2, key);
            update.setTimestamp(3, Timestamp.from(at));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new ClusterException("finishing a rate slot", e);
        }
    }

    private static Instant lastCall(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_call FROM sms_cluster_rate WHERE rate_key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        }
    }
}
