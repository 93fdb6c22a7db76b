package io.camelsms.core;

/**
 * An endpoint of one of the provider components, whose options others may read (the {@code sms:} router reads the
 * tracking store and account label of each provider it sends through).
 */
public interface ConfiguredEndpoint {

    SmsConfiguration getConfiguration();
}
