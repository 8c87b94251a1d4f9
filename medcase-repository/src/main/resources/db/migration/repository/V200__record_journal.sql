-- Durability journal of the embedded repository (which lives in memory): enough to rebuild every
-- claimant, case, record, ACL and hold mark into a fresh repository after a restart. Record content
-- is kept on disk, addressed by SHA-256; these rows hold identifiers and model properties.

CREATE TABLE mc_journal_claimant (
    claimant_id VARCHAR(100) PRIMARY KEY,
    properties  VARCHAR      NOT NULL
);

CREATE TABLE mc_journal_case (
    stable_id   VARCHAR(100) PRIMARY KEY,
    case_number VARCHAR(100) NOT NULL UNIQUE,
    properties  VARCHAR      NOT NULL
);

CREATE TABLE mc_journal_record (
    stable_id     VARCHAR(100) PRIMARY KEY,
    case_stable_id VARCHAR(100) NOT NULL,
    name          VARCHAR(500) NOT NULL,
    mime_type     VARCHAR(200) NOT NULL,
    sha256        VARCHAR(64)  NOT NULL,
    properties    VARCHAR      NOT NULL,
    aspects       VARCHAR      NOT NULL,
    filed_seq     BIGINT       NOT NULL
);
CREATE INDEX mc_journal_record_case ON mc_journal_record (case_stable_id);

CREATE TABLE mc_journal_acl (
    stable_id VARCHAR(100) PRIMARY KEY,
    entries   VARCHAR      NOT NULL
);
