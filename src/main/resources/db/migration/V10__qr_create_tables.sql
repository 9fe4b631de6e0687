CREATE TABLE qr_code (
    code              VARCHAR(14)  PRIMARY KEY,
    phone_number_id   VARCHAR(20)  NOT NULL,
    prefilled_message VARCHAR(600) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX qr_code_number ON qr_code (phone_number_id, created_at);
