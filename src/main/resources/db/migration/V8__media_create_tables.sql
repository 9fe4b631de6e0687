CREATE TABLE media_object (
    id              VARCHAR(20)  PRIMARY KEY,
    business_id     VARCHAR(20)  NOT NULL,
    phone_number_id VARCHAR(20)  NOT NULL,
    mime_type       VARCHAR(100) NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    file_size       BIGINT       NOT NULL,
    storage_key     VARCHAR(64)  NOT NULL,
    filename        VARCHAR(240),
    source_url      VARCHAR(2048),  -- media a message named by link: fetched once, reused while kept
    source_url_hash VARCHAR(64),    -- SHA-256 of source_url: indexed instead of the URL, which may be long
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX media_object_business ON media_object (business_id, source_url_hash);
CREATE INDEX media_object_expiry ON media_object (expires_at);
