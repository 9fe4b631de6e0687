-- A business number showing "typing…" to a customer, until a message arrives or the time runs out.
CREATE TABLE network_typing (
    wa_id           VARCHAR(20) NOT NULL,
    phone_number_id VARCHAR(20) NOT NULL,
    until           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (wa_id, phone_number_id)
);
