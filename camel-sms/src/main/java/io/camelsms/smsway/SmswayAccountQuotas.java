package io.camelsms.smsway;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.camelsms.core.EventIds;
import io.camelsms.core.QuotaThrottle;
import io.camelsms.core.SharedQuota;

/**
 * One {@link QuotaThrottle} per SmsWay account in the JVM: every endpoint sending with the same {@code tokenapi}
 * shares it, because the provider counts the account's messages, not an endpoint's; in a cluster the nodes' sends are
 * counted together in the database (a clustered tracking store). Keyed by a hash of the key, so
 * the key itself is not kept here.
 */
final class SmswayAccountQuotas {

    private static final ConcurrentMap<String, QuotaThrottle> BY_ACCOUNT = new ConcurrentHashMap<>();

    private SmswayAccountQuotas() {
    }

    static QuotaThrottle of(String tokenapi) {
        return BY_ACCOUNT.computeIfAbsent(EventIds.of("smsway-account", tokenapi), key -> new QuotaThrottle());
    }

    /** The account's throttle: counted by the cluster when the tracking store is shared by nodes, else this JVM's. */
    static QuotaThrottle of(String tokenapi, Object trackingStore) {
        return trackingStore instanceof SharedQuota cluster
                ? new QuotaThrottle(cluster, "smsway:" + EventIds.of("smsway-account", tokenapi))
                : of(tokenapi);
    }
}
