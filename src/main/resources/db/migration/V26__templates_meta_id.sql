-- In cloud mode each template is also Meta's: Meta's id beside ours, which stays what the business sees.
ALTER TABLE templates_template ADD COLUMN meta_template_id VARCHAR(64);
CREATE UNIQUE INDEX templates_template_meta ON templates_template (meta_template_id);
