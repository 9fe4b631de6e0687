-- Each number's automated responder, set by the business admin in the console: it greets a
-- customer who starts (or comes back to) a conversation, and hands the conversation to the
-- queue when the customer asks for a person (a keyword, or the greeting's button).
CREATE TABLE inbox_auto_reply (
    phone_number_id VARCHAR(20)   PRIMARY KEY,
    business_id     VARCHAR(20)   NOT NULL,
    enabled         BOOLEAN       NOT NULL,
    greeting        VARCHAR(1024) NOT NULL,
    button_title    VARCHAR(20)   NOT NULL,
    keywords        VARCHAR(500)  NOT NULL,
    handoff_reply   VARCHAR(1024) NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
