package io.camelsms.cluster;

import java.sql.SQLException;

/** A cluster-mode database call failed; the message names what was being done. */
public final class ClusterException extends RuntimeException {

    ClusterException(String what, SQLException cause) {
        super("cluster: " + what + " failed: " + cause.getMessage(), cause);
    }

    ClusterException(String message) {
        super(message);
    }
}
