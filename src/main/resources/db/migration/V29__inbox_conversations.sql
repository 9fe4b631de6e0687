-- The chat center's conversations: one per business number and customer, whoever owns it.
CREATE TABLE inbox_conversation (
    id                VARCHAR(20)  PRIMARY KEY,
    business_id       VARCHAR(20)  NOT NULL,
    phone_number_id   VARCHAR(20)  NOT NULL,
    wa_id             VARCHAR(20)  NOT NULL,
    customer_name     VARCHAR(200),
    status            VARCHAR(16)  NOT NULL,
    last_message_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_message_text VARCHAR(200) NOT NULL,
    unread            INTEGER      NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT inbox_conversation_pair UNIQUE (phone_number_id, wa_id)
);
CREATE INDEX inbox_conversation_business ON inbox_conversation (business_id, last_message_at DESC);
