-- camel-sms tracking store: the write-ahead of a send as one row per batch instead of one row per message (V7 wrote
-- and deleted a row in sms_unknown_send per message: two of the three writes a tracked message cost). Before a
-- batch's request leaves, its messages are written here in compact form (one line per message: external id and
-- recipient); the transaction that records the outcome deletes the row. A row that outlived its process (a request
-- that was in flight when the process died) is expanded by the next store start into per-message rows of
-- sms_unknown_send (in_flight = its batch key), which a resumed send reads as unknown and does not resend.
-- A batch too long for one row is written in parts (part 0, 1, ...), all in the one insert.
CREATE TABLE sms_in_flight_batch (
    batch_key  VARCHAR(36)     NOT NULL,
    part       INT             NOT NULL,
    provider   VARCHAR(32)     NOT NULL,
    account    VARCHAR(128)    NOT NULL,
    reason     VARCHAR(1000)   NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    messages   VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (batch_key, part)
);
