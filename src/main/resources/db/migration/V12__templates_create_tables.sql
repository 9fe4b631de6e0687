CREATE TABLE templates_template (
    id               VARCHAR(20)   PRIMARY KEY,
    waba_id          VARCHAR(20)   NOT NULL,
    name             VARCHAR(512)  NOT NULL,
    language         VARCHAR(15)   NOT NULL,
    category         VARCHAR(20)   NOT NULL,
    allow_category_change BOOLEAN  NOT NULL,
    parameter_format VARCHAR(12)   NOT NULL,
    components       VARCHAR(100000) NOT NULL,  -- JSON, canonical form
    status           VARCHAR(20)   NOT NULL,
    rejected_reason  VARCHAR(40)   NOT NULL,
    review_rule      VARCHAR(60),               -- the reviewer rule behind a rejection or recategorisation
    review_note      VARCHAR(500),
    review_due_at    TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (waba_id, name, language)
);
CREATE INDEX templates_template_review ON templates_template (review_due_at);
