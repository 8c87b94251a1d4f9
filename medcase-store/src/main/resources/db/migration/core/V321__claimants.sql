-- Issue 11: the claimant registry. A claimant's name and date of birth (what demographic matching of
-- imports compares) and the identifiers providers know them by (MRN per facility, member id, SSN last
-- four...). Created through POST /api/claimants; the repository's claimant folder is created with it.
CREATE TABLE mc_claimant (
    id            VARCHAR(100) PRIMARY KEY,
    family_name   VARCHAR(200) NOT NULL,
    given_name    VARCHAR(200) NOT NULL,
    date_of_birth DATE         NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(200) NOT NULL
);
CREATE INDEX mc_claimant_demographics ON mc_claimant (family_name, given_name, date_of_birth);

CREATE TABLE mc_claimant_identifier (
    claimant_id VARCHAR(100) NOT NULL REFERENCES mc_claimant (id),
    system      VARCHAR(200) NOT NULL,
    id_value    VARCHAR(200) NOT NULL,
    PRIMARY KEY (system, id_value)
);
CREATE INDEX mc_claimant_identifier_claimant ON mc_claimant_identifier (claimant_id);
