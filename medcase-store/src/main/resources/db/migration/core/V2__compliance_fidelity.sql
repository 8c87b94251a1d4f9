-- Issue 12: compliance fidelity. New columns only; the full authorization stays in the JSON body.

-- Expiry by event (164.508(c)(1)(v)): the instant the event was recorded ends the authorization,
-- so the expiry sweep finds it like a dated expiry.
ALTER TABLE mc_authorization ADD COLUMN expiry_event_recorded_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX mc_authorization_expiry_event ON mc_authorization (expiry_event_recorded_at);
-- Revocation takes effect on receipt (164.508(b)(5)): revoked_at is the receipt; this is when it was entered.
ALTER TABLE mc_authorization ADD COLUMN revocation_entered_at TIMESTAMP WITH TIME ZONE;

-- Composite retention triggers: "N after A or M after B, whichever is later/earlier".
ALTER TABLE mc_retention_schedule ADD COLUMN alternative_trigger_event VARCHAR(40);
ALTER TABLE mc_retention_schedule ADD COLUMN alternative_retain_for VARCHAR(40);
ALTER TABLE mc_retention_schedule ADD COLUMN combination VARCHAR(20);

-- The legal minimum as planned, re-checked by the disposition workflow at approval and execution.
ALTER TABLE mc_disposition_item ADD COLUMN legal_minimum_until DATE;
