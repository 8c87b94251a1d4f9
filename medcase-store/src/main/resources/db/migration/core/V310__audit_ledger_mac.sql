-- Issue 10: each entry's hash sealed with the ledger key (HMAC-SHA256), a secret kept outside the database, so an
-- offline rewrite that recomputes the plain hashes no longer verifies. NULL for entries written before a key existed;
-- the service seals those once, after verifying the chain, when it first generates the key.
ALTER TABLE mc_audit_entry ADD COLUMN mac VARCHAR(64);
