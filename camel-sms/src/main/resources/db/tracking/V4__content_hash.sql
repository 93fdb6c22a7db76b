-- external_id is an idempotency key: a later send with the same id is the same message only with the same recipient
-- and text. Their digest (SHA-256, 32 hex characters) is kept per message. Rows recorded before this version have
-- none: a later send with their id is taken as the same message (what they held cannot be known).
ALTER TABLE sms_message ADD COLUMN content_hash VARCHAR(64);
-- The idempotency check asks the index alone (external id, provider, digest) and reads rows only for a conflict.
DROP INDEX sms_message_external_id;
CREATE INDEX sms_message_external_id ON sms_message (external_id, provider, content_hash);

-- Where a message came from, as the caller named it (the file route: "orders.csv line 12"), so a conflict on its
-- external id can name both places. Optional: NULL when the caller named none.
ALTER TABLE sms_message ADD COLUMN origin VARCHAR(200);
