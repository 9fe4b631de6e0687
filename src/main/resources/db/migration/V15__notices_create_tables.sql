CREATE TABLE notices_mail (
    id          VARCHAR(20)   PRIMARY KEY,
    business_id VARCHAR(20)   NOT NULL,
    to_address  VARCHAR(320),
    subject     VARCHAR(300)  NOT NULL,
    body        VARCHAR(20000) NOT NULL,
    state       VARCHAR(10)   NOT NULL,  -- PENDING, SENT, KEPT (no SMTP or no address), FAILED
    attempts    INTEGER       NOT NULL DEFAULT 0,
    last_error  VARCHAR(1000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX notices_mail_state ON notices_mail (state, created_at);
CREATE INDEX notices_mail_business ON notices_mail (business_id, created_at);
