-- Import state: de-duplication by content hash, the review queue for documents no case matched,
-- the dead-letter store (original bytes kept), and poll watermarks. Identifiers only in text
-- columns; original payloads (which contain PHI) only in the BYTEA columns, never in logs.

CREATE TABLE mc_import_dedup (
    sha256      VARCHAR(64)  PRIMARY KEY,
    route       VARCHAR(50)  NOT NULL,
    message_id  VARCHAR(200) NOT NULL,
    record_id   VARCHAR(200),
    status      VARCHAR(20)  NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE mc_import_review (
    id          VARCHAR(100) PRIMARY KEY,
    route       VARCHAR(50)  NOT NULL,
    message_id  VARCHAR(200) NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    document    VARCHAR      NOT NULL,
    content     BYTEA        NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    resolved_by VARCHAR(200),
    resolved_case VARCHAR(100)
);
CREATE INDEX mc_import_review_status ON mc_import_review (status);

CREATE TABLE mc_import_dead_letter (
    id           VARCHAR(100) PRIMARY KEY,
    route        VARCHAR(50)  NOT NULL,
    source       VARCHAR(500) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    error        VARCHAR(2000) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    original     BYTEA        NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    attempts     INT          NOT NULL
);
CREATE INDEX mc_import_dead_letter_status ON mc_import_dead_letter (status);

CREATE TABLE mc_import_watermark (
    source     VARCHAR(200) PRIMARY KEY,
    watermark  VARCHAR(100) NOT NULL
);
