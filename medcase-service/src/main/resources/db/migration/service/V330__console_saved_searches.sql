-- Saved searches of the console (issue 13): a user's named query string, private to that user.
-- The query string holds the search terms and filters, never results: running it again applies the
-- caller's consent filter at that moment.
CREATE TABLE console_saved_search (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    owner_id    VARCHAR(255)  NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    query       VARCHAR(2000) NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    CONSTRAINT console_saved_search_owner_name UNIQUE (owner_id, name)
);
