-- Number health (POLICY.md section 1): lifecycle, throughput, official account, human agent.
ALTER TABLE numbers_phone_number ADD COLUMN code_verification_status VARCHAR(16) NOT NULL DEFAULT 'VERIFIED';
ALTER TABLE numbers_phone_number ADD COLUMN verification_code_hash VARCHAR(64);
ALTER TABLE numbers_phone_number ADD COLUMN verification_code_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE numbers_phone_number ADD COLUMN pin_hash VARCHAR(64);
ALTER TABLE numbers_phone_number ADD COLUMN review_due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE numbers_phone_number ADD COLUMN flagged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE numbers_phone_number ADD COLUMN messages_per_second INT NOT NULL DEFAULT 80;
ALTER TABLE numbers_phone_number ADD COLUMN official_status VARCHAR(16) NOT NULL DEFAULT 'NONE';
ALTER TABLE numbers_phone_number ADD COLUMN human_agent VARCHAR(500);
-- Since when the number has had no human agent; the 7-day rule counts from here.
ALTER TABLE numbers_phone_number ADD COLUMN human_agent_missing_since TIMESTAMP WITH TIME ZONE;
UPDATE numbers_phone_number SET human_agent_missing_since = created_at;

-- The messaging limit of a holder: a phone number (classic profile) or a business (meta-2025).
-- used = unique customers reached in the rolling window, kept exact under a row lock;
-- swept_until = reaches older than this have already been subtracted from used.
CREATE TABLE numbers_limit (
    holder_id          VARCHAR(20) PRIMARY KEY,
    tier               INT         NOT NULL,
    used               INT         NOT NULL,
    swept_until        TIMESTAMP WITH TIME ZONE NOT NULL,
    upgrade_checked_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The latest business-initiated conversation with each customer; kept for the upgrade look-back.
CREATE TABLE numbers_reach (
    holder_id  VARCHAR(20) NOT NULL,
    wa_id      VARCHAR(20) NOT NULL,
    reached_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (holder_id, wa_id)
);
CREATE INDEX numbers_reach_time ON numbers_reach (holder_id, reached_at);

-- Sends in the current second per number: the throughput limit, shared by every node.
CREATE TABLE numbers_send_rate (
    phone_number_id VARCHAR(20) PRIMARY KEY,
    current_second  BIGINT      NOT NULL,
    sent            INT         NOT NULL
);

-- Customers who blocked a number or reported it as spam.
CREATE TABLE numbers_feedback (
    phone_number_id VARCHAR(20) NOT NULL,
    wa_id           VARCHAR(20) NOT NULL,
    kind            VARCHAR(10) NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX numbers_feedback_number ON numbers_feedback (phone_number_id, at);

-- Every change of a number's status, quality rating or tier, with the figures behind it.
CREATE TABLE numbers_history (
    id              VARCHAR(32)   PRIMARY KEY,
    phone_number_id VARCHAR(20)   NOT NULL,
    at              TIMESTAMP WITH TIME ZONE NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    from_value      VARCHAR(32),
    to_value        VARCHAR(32),
    reason          VARCHAR(1000) NOT NULL,
    figures         VARCHAR(4000) NOT NULL
);
CREATE INDEX numbers_history_number ON numbers_history (phone_number_id, at);
