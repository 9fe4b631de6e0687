-- Wrong verification codes since the last request_code: after 5, the code is void.
ALTER TABLE numbers_phone_number ADD COLUMN verification_attempts INT NOT NULL DEFAULT 0;
