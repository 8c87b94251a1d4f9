-- What the service does with an imported record (its search entry) runs after the sender's acknowledgement, in
-- batches, as ACS's own index tracking runs after the transaction. A claim's row here is written in the claim's own
-- commit and deleted once the follow-up is done: what a crash leaves here is done again at the next start (or by the
-- periodic recovery), so no acknowledged record stays unsearchable. Small by construction: only what is in flight.
CREATE TABLE mc_import_follow_up (
    claim_key VARCHAR(300) PRIMARY KEY,
    queued_at TIMESTAMP WITH TIME ZONE NOT NULL
);
