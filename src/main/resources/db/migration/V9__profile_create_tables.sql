CREATE TABLE profile_business_profile (
    phone_number_id  VARCHAR(20)   PRIMARY KEY,
    about            VARCHAR(600),
    address          VARCHAR(1100),
    description      VARCHAR(2100),
    email            VARCHAR(600),
    websites         VARCHAR(2100),  -- JSON array of at most 2 URLs
    vertical         VARCHAR(32),
    picture_media_id VARCHAR(20),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
