-- camel-sms tracking store: the write-ahead of a send. Before a batch's request leaves, its messages are recorded
-- here as in flight (in_flight = a key of the batch, reason: the process stopped while the request was in flight).
-- Once the provider's answer is known the batch's marks are deleted in the transaction that records the outcome
-- (accepted: sms_message; unknown: a row of its own with the real reason; refused: nothing). A mark that outlives
-- its batch is a request that was in flight when the process died: its messages are UNKNOWN, not resent.
ALTER TABLE sms_unknown_send ADD COLUMN in_flight VARCHAR(36);

CREATE INDEX sms_unknown_send_in_flight ON sms_unknown_send (in_flight);

-- Every batch of a send now writes here: the id sequence is cached as sms_message's is (V3; 1 on PostgreSQL).
ALTER TABLE sms_unknown_send ALTER COLUMN id SET CACHE ${identity_cache};
