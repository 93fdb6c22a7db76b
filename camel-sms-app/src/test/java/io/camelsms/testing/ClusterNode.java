package io.camelsms.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.test.AvailablePortFinder;

import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.sandbox.Sandbox;

/** An app node of a cluster in a JVM of its own, configured as docs/cluster.md tells users to. */
public final class ClusterNode {

    private ClusterNode() {
    }

    /**
     * Starts node {@code name} on the PostgreSQL at {@code databaseUrl} and the shared data folder {@code data}, its
     * log in data/logs/name.log; {@code provider} adds or overrides properties (the provider's, the batch size...).
     */
    public static Process start(String name, String databaseUrl, Path data, Duration lease,
                                Map<String, String> provider) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.beans.trackingDb", "#class:org.postgresql.ds.PGSimpleDataSource");
        properties.put("camel.beans.trackingDb.url", databaseUrl);
        properties.put("camel.beans.trackingDb.user", "postgres");
        properties.put("sms.tracking.datasource", "trackingDb");
        properties.put("sms.cluster.enabled", "true");
        properties.put("sms.cluster.node-id", name);
        properties.put("sms.cluster.lease", String.valueOf(lease.toMillis()));
        properties.put("sms.data-dir", data.toString());
        properties.put("sms.sample-file", "");
        properties.put("sms.inbox.read-lock-interval", "200");
        properties.put("sms.webhook.secret", "cluster-node-secret");
        properties.put("camel.server.port", String.valueOf(AvailablePortFinder.getNextAvailable()));
        properties.putAll(provider);
        return AppProcess.start(properties, log(data, name));
    }

    /** The properties of a node sending with pwapi against {@code sandbox}, {@code batch} recipients a request. */
    public static Map<String, String> pwapi(Sandbox sandbox, int batch) {
        Map<String, String> pwapi = new LinkedHashMap<>();
        pwapi.put("camel.component.pwapi.base-url", sandbox.baseUrl());
        pwapi.put("camel.component.pwapi.credential", PwapiSimulator.DEFAULT_CREDENTIAL);
        pwapi.put("camel.component.pwapi.token", PwapiSimulator.DEFAULT_TOKEN);
        pwapi.put("sms.provider", "pwapi");
        pwapi.put("sms.batch-size.pwapi", String.valueOf(batch));
        return pwapi;
    }

    public static Path log(Path data, String name) {
        return data.resolve("logs").resolve(name + ".log");
    }
}
