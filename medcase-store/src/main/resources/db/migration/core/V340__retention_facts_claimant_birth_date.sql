-- Every filing looks up its claimant's birth date in the facts already filed (RetentionFiling). With only
-- (claimant_id) indexed, a claimant whose birth date no record carries had all of their records read at each
-- filing. This index answers the lookup from a bounded range of (claimant, date): no row when none is known.
CREATE INDEX mc_retention_facts_claimant_birth ON mc_retention_facts (claimant_id, claimant_birth_date);
