-- MedCase core state. Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
-- Identifiers only: no claimant names or clinical content live in these tables.

CREATE TABLE mc_authorization (
    id            VARCHAR(100) PRIMARY KEY,
    claimant_id   VARCHAR(100) NOT NULL,
    kind          VARCHAR(40)  NOT NULL,
    recipient     VARCHAR(200) NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    body          VARCHAR      NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mc_authorization_claimant ON mc_authorization (claimant_id);
CREATE INDEX mc_authorization_expiry ON mc_authorization (expires_at);

CREATE TABLE mc_legal_hold (
    id             VARCHAR(100) PRIMARY KEY,
    name           VARCHAR(300) NOT NULL,
    matter         VARCHAR(300) NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    created_by     VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    status         VARCHAR(20)  NOT NULL,
    released_by    VARCHAR(200),
    released_at    TIMESTAMP WITH TIME ZONE,
    release_reason VARCHAR(2000)
);

CREATE TABLE mc_legal_hold_item (
    hold_id   VARCHAR(100) NOT NULL REFERENCES mc_legal_hold (id),
    item_id   VARCHAR(200) NOT NULL,
    added_by  VARCHAR(200) NOT NULL,
    added_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (hold_id, item_id)
);
CREATE INDEX mc_legal_hold_item_item ON mc_legal_hold_item (item_id);

CREATE TABLE mc_retention_schedule (
    id                VARCHAR(100) PRIMARY KEY,
    category          VARCHAR(100) NOT NULL,
    jurisdiction      VARCHAR(100) NOT NULL,
    trigger_event     VARCHAR(40)  NOT NULL,
    retain_for        VARCHAR(40)  NOT NULL,
    disposition       VARCHAR(40)  NOT NULL,
    minimum_retention VARCHAR(40)  NOT NULL,
    CONSTRAINT mc_retention_schedule_scope UNIQUE (category, jurisdiction)
);

CREATE TABLE mc_disposition_item (
    record_id   VARCHAR(200) PRIMARY KEY,
    schedule_id VARCHAR(100) NOT NULL,
    disposition VARCHAR(40)  NOT NULL,
    due_date    DATE         NOT NULL,
    sensitive   BOOLEAN      NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    approvals   VARCHAR      NOT NULL
);
CREATE INDEX mc_disposition_item_due ON mc_disposition_item (status, due_date);

CREATE TABLE mc_destruction_certificate (
    certificate_id   VARCHAR(100) PRIMARY KEY,
    record_id        VARCHAR(200) NOT NULL,
    disposition      VARCHAR(40)  NOT NULL,
    schedule_id      VARCHAR(100) NOT NULL,
    executed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    executed_by      VARCHAR(200) NOT NULL,
    approvals        VARCHAR      NOT NULL,
    content_sha256   VARCHAR(64),
    certificate_hash VARCHAR(64)  NOT NULL
);
CREATE INDEX mc_destruction_certificate_record ON mc_destruction_certificate (record_id);

-- The audit ledger. The timestamp is kept as its ISO-8601 text because the hash covers that exact text.
CREATE TABLE mc_audit_entry (
    sequence      BIGINT       PRIMARY KEY,
    ts            VARCHAR(40)  NOT NULL,
    actor         VARCHAR(200) NOT NULL,
    on_behalf_of  VARCHAR(200),
    action        VARCHAR(100) NOT NULL,
    subject_id    VARCHAR(200) NOT NULL,
    outcome       VARCHAR(40)  NOT NULL,
    reason        VARCHAR(2000),
    details       VARCHAR      NOT NULL,
    previous_hash VARCHAR(64)  NOT NULL,
    hash          VARCHAR(64)  NOT NULL
);
CREATE INDEX mc_audit_entry_subject ON mc_audit_entry (subject_id);

-- One row: the head of the chain. Appenders lock it (SELECT ... FOR UPDATE), so appends from any
-- number of threads or service nodes serialize, and a truncated tail is detectable.
CREATE TABLE mc_audit_head (
    id            INT          PRIMARY KEY,
    last_sequence BIGINT       NOT NULL,
    last_hash     VARCHAR(64)  NOT NULL
);
INSERT INTO mc_audit_head (id, last_sequence, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
