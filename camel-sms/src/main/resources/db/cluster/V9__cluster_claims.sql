-- camel-sms cluster mode (PostgreSQL only; history in camel_sms_cluster_schema_history, applied when a
-- ClusteredTrackingStore starts). Version 9 in camel-sms's numbering.

-- Work one node holds for a while: a status change or reply being routed, a recipient file being sent. A claim is
-- one row; the holder extends lease_until while it works (keep-alive) and deletes the row when done. A node that
-- dies stops extending: once lease_until has passed, any node may take the claim over.
CREATE TABLE sms_cluster_claim (
    claim_key   VARCHAR(512) PRIMARY KEY,
    owner       VARCHAR(128) NOT NULL,
    lease_until TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sms_cluster_claim_owner ON sms_cluster_claim (owner);

-- Rate guards shared by every node: the last time a call of a kind (painel's getstatus / getbalance per account)
-- left, so "once a minute" holds for the cluster and not per node. The key is a digest, never a credential.
CREATE TABLE sms_cluster_rate (
    rate_key  VARCHAR(128) PRIMARY KEY,
    last_call TIMESTAMP WITH TIME ZONE NOT NULL
);
