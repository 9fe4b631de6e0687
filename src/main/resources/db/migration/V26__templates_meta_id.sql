-- In cloud mode each template is also Meta's: Meta's id beside ours, which stays what the business sees.
-- Unique per WABA only: two openwaba WABAs may be linked to one Meta WABA and each keep its copy.
ALTER TABLE templates_template ADD COLUMN meta_template_id VARCHAR(64);
CREATE UNIQUE INDEX templates_template_meta ON templates_template (waba_id, meta_template_id);
CREATE INDEX templates_template_meta_id ON templates_template (meta_template_id);
