-- The event log keeps what was sent (written once); the delivery queue keeps what is still to
-- do (small rows, updated on every attempt, deleted once delivered); events that ran out of
-- retries move to the dead letters. Each write then touches a small row and few index entries.
CREATE TABLE webhooks_delivery (
    event_pk        BIGINT        PRIMARY KEY,
    waba_id         VARCHAR(20)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until     TIMESTAMP WITH TIME ZONE,
    claimed_by      VARCHAR(64),
    last_status     INTEGER,
    last_error      VARCHAR(1000)
);
CREATE INDEX webhooks_delivery_due ON webhooks_delivery (next_attempt_at);

CREATE TABLE webhooks_dead_letter (
    event_pk    BIGINT        PRIMARY KEY,
    waba_id     VARCHAR(20)   NOT NULL,
    attempts    INTEGER       NOT NULL,
    last_status INTEGER,
    last_error  VARCHAR(1000),
    died_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhooks_dead_letter_waba ON webhooks_dead_letter (waba_id, event_pk);

INSERT INTO webhooks_delivery (event_pk, waba_id, attempts, next_attempt_at, expires_at, last_status, last_error)
SELECT id, waba_id, attempts, next_attempt_at, expires_at, last_status, last_error
FROM webhooks_event WHERE state = 'PENDING';

INSERT INTO webhooks_dead_letter (event_pk, waba_id, attempts, last_status, last_error, died_at)
SELECT id, waba_id, attempts, last_status, last_error, next_attempt_at
FROM webhooks_event WHERE state = 'DEAD';

DROP INDEX webhooks_event_due;
DROP INDEX webhooks_event_waba;
ALTER TABLE webhooks_event DROP COLUMN state;
ALTER TABLE webhooks_event DROP COLUMN attempts;
ALTER TABLE webhooks_event DROP COLUMN next_attempt_at;
ALTER TABLE webhooks_event DROP COLUMN expires_at;
ALTER TABLE webhooks_event DROP COLUMN lease_until;
ALTER TABLE webhooks_event DROP COLUMN claimed_by;
ALTER TABLE webhooks_event DROP COLUMN last_status;
ALTER TABLE webhooks_event DROP COLUMN last_error;
ALTER TABLE webhooks_event DROP COLUMN delivered_at;
