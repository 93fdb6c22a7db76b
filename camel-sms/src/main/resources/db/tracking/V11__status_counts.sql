-- camel-sms tracking store: what an operator's status view counts. Per input file (the origin without its trailing
-- " line <n>": "orders.csv line 12" counts for "orders.csv") and per provider, how many messages are in each status.
-- One index serves both counts from the index alone: a file's counts are a range of it (provider, origin_file), a
-- provider's totals one pass over it, never over the table's rows.
ALTER TABLE sms_message ADD COLUMN origin_file VARCHAR(200);
UPDATE sms_message SET origin_file = REGEXP_REPLACE(origin, ' line [0-9]+$', '') WHERE origin IS NOT NULL;
CREATE INDEX sms_message_status_counts ON sms_message (provider, origin_file, status);
