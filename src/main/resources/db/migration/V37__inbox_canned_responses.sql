-- A business's canned responses: an operator types /shortcut in the reply box and picks the text.
CREATE TABLE inbox_canned_response (
    id          VARCHAR(20)   PRIMARY KEY,
    business_id VARCHAR(20)   NOT NULL,
    shortcut    VARCHAR(30)   NOT NULL,
    text        VARCHAR(4096) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (business_id, shortcut)
);
