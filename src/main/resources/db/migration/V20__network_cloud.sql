-- The relay to Meta's Cloud API (openwaba.network=cloud).

-- Which Meta phone number an openwaba number sends through, with its access token encrypted
-- (AES-GCM, key from openwaba.cloud.secret-key). broken_at is set when Meta refuses the token.
CREATE TABLE network_cloud_link (
    phone_number_id      VARCHAR(20)   PRIMARY KEY,
    meta_phone_number_id VARCHAR(64)   NOT NULL UNIQUE,
    meta_waba_id         VARCHAR(64)   NOT NULL,
    token_ciphertext     VARCHAR(4096) NOT NULL,
    linked_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    broken_at            TIMESTAMP WITH TIME ZONE,
    broken_reason        VARCHAR(1000)
);

-- Each relayed message: our wamid (the one the business sees) and Meta's. SENDING: the request is out
-- (found so after a crash: it is never sent again). RETRYING: Meta asked us to
-- come back (attempts so far); RELAYED: Meta took it; UNCERTAIN: the request was sent but no answer
-- came, so it is never sent again; Meta's status webhooks (which carry our wamid) settle it.
CREATE TABLE network_cloud_message (
    wamid           VARCHAR(128) PRIMARY KEY,
    phone_number_id VARCHAR(20)  NOT NULL,
    meta_wamid      VARCHAR(128) UNIQUE,
    state           VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    relayed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX network_cloud_message_state ON network_cloud_message (phone_number_id, state);
