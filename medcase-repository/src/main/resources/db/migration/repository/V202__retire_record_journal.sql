-- The journal existed only to rebuild the in-memory OpenCMIS server after a restart. The embedded
-- repository is now durable by itself (medcase-alfresco-embedded), so the journal is retired.
-- V200/V201 stay in place because Flyway validates the history of databases that applied them.
DROP TABLE mc_journal_acl;
DROP TABLE mc_journal_record;
DROP TABLE mc_journal_case;
DROP TABLE mc_journal_claimant;
