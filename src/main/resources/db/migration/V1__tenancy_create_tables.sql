CREATE TABLE tenancy_business (
    id                 VARCHAR(20)  PRIMARY KEY,
    name               VARCHAR(200) NOT NULL,
    verified           BOOLEAN      NOT NULL DEFAULT FALSE,
    notification_email VARCHAR(320),
    app_secret         VARCHAR(64)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE tenancy_waba (
    id          VARCHAR(20)  PRIMARY KEY,
    business_id VARCHAR(20)  NOT NULL REFERENCES tenancy_business (id),
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tenancy_waba_business ON tenancy_waba (business_id);

-- Tokens are stored as SHA-256 hashes only; the plain value is shown once when issued.
CREATE TABLE tenancy_token (
    id          VARCHAR(20)  PRIMARY KEY,
    role        VARCHAR(16)  NOT NULL,
    business_id VARCHAR(20)  REFERENCES tenancy_business (id),
    token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    label       VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
