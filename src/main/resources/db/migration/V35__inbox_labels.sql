-- Labels the business's people put on conversations, to find them again.
CREATE TABLE inbox_label (
    conversation_id VARCHAR(20) NOT NULL,
    business_id     VARCHAR(20) NOT NULL,
    label           VARCHAR(40) NOT NULL,
    PRIMARY KEY (conversation_id, label)
);
CREATE INDEX inbox_label_business ON inbox_label (business_id, label);
