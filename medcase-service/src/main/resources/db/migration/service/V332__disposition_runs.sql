-- Disposition execution runs (issue 9 left their progress in the memory of the node that started them): any node
-- shows a run's progress, and a run whose node stopped is seen as interrupted, its remaining items still approved.
CREATE TABLE mc_disposition_run (
    id                VARCHAR(64)  NOT NULL PRIMARY KEY,
    started_by        VARCHAR(255) NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_progress_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX mc_disposition_run_started ON mc_disposition_run (started_at);

CREATE TABLE mc_disposition_run_item (
    run_id          VARCHAR(64)   NOT NULL,
    seq             INT           NOT NULL,
    record_id       VARCHAR(255)  NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,
    certificate_id  VARCHAR(255),
    reason          VARCHAR(2000),
    PRIMARY KEY (run_id, seq)
);
