-- Issue 9: time-driven governance. Identifiers and dates only: no names or clinical content.

-- One row per run of a scheduled job (any node): what it handled and what failed, for the admin page.
CREATE TABLE mc_job_run (
    id          VARCHAR(40)  PRIMARY KEY,
    job         VARCHAR(100) NOT NULL,
    node        VARCHAR(200) NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    items       BIGINT       NOT NULL,
    failures    BIGINT       NOT NULL,
    message     VARCHAR(2000)
);
CREATE INDEX mc_job_run_job ON mc_job_run (job, started_at);

-- The dates a record's retention can count from, denormalised per record so that a trigger event on a
-- case or a claimant marks its records for re-planning with one statement. planned = false: the
-- disposition planner computes (again) the record's due date. No index on planned: the planner walks the
-- primary key from where its last batch ended (an index on a boolean made PostgreSQL rescan every batch).
CREATE TABLE mc_retention_facts (
    record_id               VARCHAR(200) PRIMARY KEY,
    case_id                 VARCHAR(200),
    claimant_id             VARCHAR(100),
    category                VARCHAR(100) NOT NULL,
    jurisdiction            VARCHAR(100),
    received_date           DATE,
    last_service_date       DATE,
    case_closed_date        DATE,
    claimant_birth_date     DATE,
    relationship_ended_date DATE,
    sensitive               BOOLEAN      NOT NULL,
    planned                 BOOLEAN      NOT NULL,
    filed_by                VARCHAR(200)
);
CREATE INDEX mc_retention_facts_case ON mc_retention_facts (case_id);
CREATE INDEX mc_retention_facts_claimant ON mc_retention_facts (claimant_id);

-- Who set up a schedule: scheduled runs acting under it are audited on that person's behalf.
ALTER TABLE mc_retention_schedule ADD COLUMN created_by VARCHAR(200);

-- An authorization that ended (expiry, recorded event, revocation) has its group emptied once, by the
-- consent-expiry job; the mark makes the job resumable after a restart without losing or repeating it.
ALTER TABLE mc_authorization ADD COLUMN end_enforced_at TIMESTAMP WITH TIME ZONE;
-- Who entered it: its expiry is enforced on that person's behalf.
ALTER TABLE mc_authorization ADD COLUMN entered_by VARCHAR(200);

-- Erasure requests by claimants, with the decision and its reason.
CREATE TABLE mc_erasure_request (
    id            VARCHAR(60)  PRIMARY KEY,
    record_id     VARCHAR(200) NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    entered_by    VARCHAR(200) NOT NULL,
    entered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    granted       BOOLEAN      NOT NULL,
    reason        VARCHAR(2000) NOT NULL
);
CREATE INDEX mc_erasure_request_record ON mc_erasure_request (record_id);
CREATE INDEX mc_destruction_certificate_executed ON mc_destruction_certificate (executed_at);

-- Urgent preservation holds placed by a records manager, pending confirmation by a legal hold administrator.
CREATE TABLE mc_hold_confirmation (
    hold_id       VARCHAR(100) PRIMARY KEY REFERENCES mc_legal_hold (id),
    requested_by  VARCHAR(200) NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_by  VARCHAR(200),
    confirmed_at  TIMESTAMP WITH TIME ZONE
);
