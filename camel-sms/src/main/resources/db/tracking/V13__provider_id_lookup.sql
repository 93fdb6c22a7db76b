-- A batched status push (webcom: up to 1,000 states a body) or a poll's page looks its messages up with one
-- "provider_message_id IN (...)" query. H2 turns an IN list into index look-ups only on an index's first column, so
-- with the index led by provider it read every row of the provider. Led by provider_message_id, each id is an index
-- look-up; the one-id look-up (provider = ? AND provider_message_id = ?) uses it as before. Same width, same cost to
-- the send path. IF EXISTS: a store whose index was already reshaped keeps going.
DROP INDEX IF EXISTS sms_message_provider_id;
CREATE INDEX sms_message_provider_id ON sms_message (provider_message_id, provider);
