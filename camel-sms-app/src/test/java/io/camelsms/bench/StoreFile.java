package io.camelsms.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** The embedded tracking store's H2 file under an app data folder: its size, and H2's own figures about it. */
final class StoreFile {

    private StoreFile() {
    }

    static long bytes(Path data) {
        try {
            return Files.size(data.resolve("tracking").resolve("tracking.mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * H2's chunk count and fill rates (INFORMATION_SCHEMA.SETTINGS), read through a connection of its own to the
     * open database: the same URL as JdbcTrackingStore.embeddedH2, so the settings it carries change nothing.
     */
    static String info(Path data) {
        String url = "jdbc:h2:retry:" + data.resolve("tracking").toAbsolutePath().resolve("tracking")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;COMPRESS=TRUE";
        StringBuilder info = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM"
                        + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('info.CHUNK_COUNT', 'info.FILL_RATE',"
                        + " 'info.CHUNKS_FILL_RATE', 'info.PAGE_COUNT_LIVE') ORDER BY SETTING_NAME")) {
            while (rs.next()) {
                info.append(info.length() > 0 ? ", " : "")
                        .append(rs.getString(1).substring("info.".length()).toLowerCase(Locale.ROOT))
                        .append(' ').append(rs.getString(2));
            }
        } catch (SQLException e) {
            return "(no figures: " + e.getMessage() + ")";
        }
        return info.toString();
    }
}
