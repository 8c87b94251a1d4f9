-- Issue 11: de-duplication is per target case (identical bytes for another claimant are filed there),
-- and a FILING claim carries a lease: a delivery that finds a claim older than the lease takes it
-- over (after asking the repository whether the crashed delivery's record is there), as Camel's
-- orphan-lock recovery does for its JDBC idempotent repository. mc_import_dedup (global by hash) is
-- only read for documents filed before this version (a duplicate when its record is in the target case).
CREATE TABLE mc_import_claim (
    claim_key   VARCHAR(300) PRIMARY KEY,
    case_id     VARCHAR(200) NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    route       VARCHAR(50)  NOT NULL,
    message_id  VARCHAR(200) NOT NULL,
    record_id   VARCHAR(200),
    status      VARCHAR(20)  NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_token VARCHAR(64)  NOT NULL
);

-- The same unmatched message resent is one review item: (route, provider message id, content hash).
ALTER TABLE mc_import_review ADD COLUMN dedup_key VARCHAR(400);
CREATE UNIQUE INDEX mc_import_review_dedup ON mc_import_review (dedup_key);

-- Channel counters that survive restarts (the Micrometer meters start at zero with each process).
CREATE TABLE mc_import_counter (
    route   VARCHAR(50) NOT NULL,
    outcome VARCHAR(30) NOT NULL,
    total   BIGINT      NOT NULL,
    PRIMARY KEY (route, outcome)
);

-- Edit-and-reprocess: an administrator's corrected bytes are kept beside the original, never over it.
ALTER TABLE mc_import_dead_letter ADD COLUMN edited BYTEA;
ALTER TABLE mc_import_dead_letter ADD COLUMN edited_by VARCHAR(200);
