-- People who sign in to the console. A BSP admin has no business; a business admin and an
-- operator belong to one. Passwords are stored as encoder hashes ({bcrypt}...), never in clear.
CREATE TABLE tenancy_console_user (
    id              VARCHAR(20)  PRIMARY KEY,
    login           VARCHAR(320) NOT NULL UNIQUE,
    display_name    VARCHAR(200) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    business_id     VARCHAR(20)  REFERENCES tenancy_business (id),
    password_hash   VARCHAR(200) NOT NULL,
    failed_attempts INTEGER      NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tenancy_console_user_business ON tenancy_console_user (business_id);
