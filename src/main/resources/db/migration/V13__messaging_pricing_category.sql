-- Template messages: the category they are priced in (MARKETING, UTILITY, AUTHENTICATION) and
-- the template they came from; both NULL for free-form messages inside the customer service window.
ALTER TABLE messaging_message ADD COLUMN pricing_category VARCHAR(20);
ALTER TABLE messaging_message ADD COLUMN template_id VARCHAR(20);
CREATE INDEX messaging_message_template ON messaging_message (template_id, created_at);

-- What customers did about a template message: blocked the number or reported it as spam.
CREATE TABLE messaging_template_feedback (
    template_id VARCHAR(20) NOT NULL,
    wa_id       VARCHAR(20) NOT NULL,
    kind        VARCHAR(10) NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX messaging_template_feedback_template ON messaging_template_feedback (template_id, at);
