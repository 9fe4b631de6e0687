-- The category a template message is priced in (MARKETING, UTILITY, AUTHENTICATION); NULL for
-- free-form messages inside the customer service window.
ALTER TABLE messaging_message ADD COLUMN pricing_category VARCHAR(20);
