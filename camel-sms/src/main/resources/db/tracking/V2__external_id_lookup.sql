-- The resume check asks "which of these 500 external ids were accepted for this provider". With the index led by
-- provider, H2 used it for provider only and scanned every row of that provider per batch (quadratic in the rows
-- ever sent; found by the benchmark). Led by external_id, each id is an index look-up.
DROP INDEX sms_message_external_id;
CREATE INDEX sms_message_external_id ON sms_message (external_id, provider);
