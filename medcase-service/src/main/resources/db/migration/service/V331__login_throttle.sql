-- Failed logins and lockouts shared by every service node and kept across restarts (issue 10's throttle was per
-- node, in memory). Subjects are HMAC-SHA256 of "user:<name>" or "address:<ip>" under the service key
-- "login-throttle": a name typed into the login form may be a password typed in the wrong field, so it is never
-- stored as typed, nor as a plain digest that trying all short strings would reverse.
CREATE TABLE mc_login_failure (
    subject    VARCHAR(64) NOT NULL,
    failed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mc_login_failure_subject ON mc_login_failure (subject, failed_at);
CREATE INDEX mc_login_failure_age ON mc_login_failure (failed_at);

CREATE TABLE mc_login_lockout (
    subject       VARCHAR(64) NOT NULL PRIMARY KEY,
    locked_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
