-- camel-sms tracking store: a send's accepted batch as one durable record instead of a row per message on the send
-- path. The transaction that settles a batch writes its accepted messages here in compact form (one line per
-- message: external id, recipient, provider message id, campaign id, content digest, origin), in parts of at most
-- 1,000 messages; the store's expander then moves each part into sms_message, deleting the part in the same
-- transaction, and a store start expands every part left before anything reads or sends. So a crash between the
-- two loses nothing: the part is expanded by the next start.
CREATE TABLE sms_accepted_batch (
    batch_key  VARCHAR(36)      NOT NULL,
    part       INT              NOT NULL,
    provider   VARCHAR(32)      NOT NULL,
    account    VARCHAR(128)     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    messages   VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (batch_key, part)
);
-- The send path's look-ups list the parts of other stores' pending batches (another process on the database) by
-- provider: from this index alone, never reading the messages of every part.
CREATE INDEX sms_accepted_batch_provider ON sms_accepted_batch (provider, batch_key, part);
