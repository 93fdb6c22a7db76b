package io.camelsms.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import io.camelsms.core.SmsConfiguration;

/**
 * Tracking store version 5: the {@code account} column becomes a non-secret label. Up to version 4, painel and webcom
 * rows held the account's login in clear (painel's login is a secret option); the other providers already stored a
 * digest. Every account that is neither a digest label nor {@code default} is replaced by the label the components
 * now compute for it ({@link SmsConfiguration#accountLabel}), so open messages are still polled after the upgrade.
 * In Java because the digest is not computable in SQL the same way on H2 and PostgreSQL.
 */
public class V5__Tracking_account_label extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        List<String> inClear = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT account FROM sms_message"
                + " WHERE account <> ? AND account NOT LIKE ?")) {
            select.setString(1, SmsConfiguration.DEFAULT_ACCOUNT);
            select.setString(2, SmsConfiguration.LABEL_PREFIX + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    inClear.add(rows.getString(1));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sms_message SET account = ? WHERE account = ?")) {
            for (String account : inClear) {
                update.setString(1, SmsConfiguration.accountLabel(account));
                update.setString(2, account);
                update.executeUpdate();
            }
        }
    }
}
