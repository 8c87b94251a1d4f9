-- Issue 9 follow-up: what the disposition planner has still to plan is a queue of record ids, not a flag on
-- the facts. Planning a batch deletes its queue rows (no new row versions, no index entries) instead of
-- rewriting every facts row with planned = true (a new version of the whole row and an entry in each of
-- its three indexes: measured, three quarters of the planning time of a million records on PostgreSQL).
-- Filing and trigger events insert the ids (ON CONFLICT DO NOTHING); the facts stay as filed. No foreign
-- key to the facts: a record whose facts are gone is simply skipped by the planner.
CREATE TABLE mc_retention_unplanned (
    record_id VARCHAR(200) PRIMARY KEY
);
INSERT INTO mc_retention_unplanned (record_id) SELECT record_id FROM mc_retention_facts WHERE planned = false;
ALTER TABLE mc_retention_facts DROP COLUMN planned;
