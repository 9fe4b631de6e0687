-- A snoozed conversation wakes at snoozed_until (sandbox clock), or at the customer's next message when null.
ALTER TABLE inbox_conversation ADD COLUMN snoozed_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX inbox_conversation_snoozed ON inbox_conversation (status, snoozed_until);
