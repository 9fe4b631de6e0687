-- Each number's away message: sent when a customer's conversation waits in the queue and none of
-- the business's operators is online, at most once a day per conversation (away_sent_at).
ALTER TABLE inbox_auto_reply ADD COLUMN away_message VARCHAR(1024) NOT NULL DEFAULT '';
ALTER TABLE inbox_conversation ADD COLUMN away_sent_at TIMESTAMP WITH TIME ZONE;
