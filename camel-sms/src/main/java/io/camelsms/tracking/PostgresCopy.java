package io.camelsms.tracking;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;

/**
 * PostgreSQL's COPY for the expander's inserts, through the driver's CopyManager: several times cheaper per row than
 * multi-row INSERTs. The PostgreSQL driver is an optional dependency: only {@link #availableOn} may be called without
 * it, and it says false then.
 */
final class PostgresCopy {

    private PostgresCopy() {
    }

    /** Whether the driver is on the class path and this connection is (or wraps) one of its connections. */
    static boolean availableOn(Connection connection) {
        try {
            Class.forName("org.postgresql.PGConnection", false, PostgresCopy.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }

    /** {@code COPY ... FROM STDIN} of rows in COPY's text format. */
    static long copyIn(Connection connection, String copy, String rows) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(rows));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }
}
