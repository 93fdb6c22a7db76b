-- What a 1M-row send paid per row on H2 (bench/tracking.sh), and what this version changes:

-- H2 writes the id sequence to disk every ${identity_cache}th id instead of every 32nd; with WRITE_DELAY=0 each such
-- write stored every changed page. The placeholder is 1 (the default) on PostgreSQL.
ALTER TABLE sms_message ALTER COLUMN id SET CACHE ${identity_cache};

-- The (provider, campaign_id, recipient) index put each row of a send without campaigns (pwapi) at a random place
-- in one large tree, about 14 µs a row. Replies are matched by campaign and recipient, so the key is kept, as one
-- column that is NULL where there is no campaign: such rows go to the end of the index, in id order.
ALTER TABLE sms_message ADD COLUMN campaign_recipient VARCHAR(170);
UPDATE sms_message SET campaign_recipient = campaign_id || ' ' || recipient WHERE campaign_id IS NOT NULL;
DROP INDEX sms_message_campaign_recipient;
CREATE INDEX sms_message_campaign_recipient ON sms_message (campaign_recipient);
