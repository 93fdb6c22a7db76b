package io.camelsms.tracking;

import java.util.List;

import io.camelsms.core.DeliveryReport;

/**
 * How one provider reports the current status of messages the store has open: per open campaign, per batch of
 * open ids, or from a recent-messages list. Returning reports for unknown or unchanged messages is fine: the
 * {@link DeliveryTracker} keeps only real changes of tracked messages.
 */
@FunctionalInterface
public interface DeliveryStatusSource {

    List<DeliveryReport> fetch(TrackingStore store, String account) throws Exception;
}
