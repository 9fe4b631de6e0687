CREATE TABLE numbers_phone_number (
    id                   VARCHAR(20)  PRIMARY KEY,
    waba_id              VARCHAR(20)  NOT NULL,
    business_id          VARCHAR(20)  NOT NULL,
    wa_id                VARCHAR(20)  NOT NULL UNIQUE,
    display_phone_number VARCHAR(32)  NOT NULL,
    country              VARCHAR(2)   NOT NULL,
    verified_name        VARCHAR(200) NOT NULL,
    status               VARCHAR(20)  NOT NULL,
    messaging_limit_tier VARCHAR(20)  NOT NULL,
    quality_rating       VARCHAR(10)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX numbers_phone_number_waba ON numbers_phone_number (waba_id);
