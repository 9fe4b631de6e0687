-- Operators' availability: only online operators receive conversations automatically.
CREATE TABLE inbox_operator (
    user_id          VARCHAR(20) PRIMARY KEY,
    business_id      VARCHAR(20) NOT NULL,
    available        BOOLEAN     NOT NULL,
    last_assigned_at TIMESTAMP WITH TIME ZONE,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX inbox_operator_business ON inbox_operator (business_id);

-- Each business's automatic assignment: on or off, and how many open conversations an operator holds at most.
CREATE TABLE inbox_assignment (
    business_id VARCHAR(20) PRIMARY KEY,
    automatic   BOOLEAN     NOT NULL,
    max_open    INTEGER     NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX inbox_conversation_owner ON inbox_conversation (business_id, owner_kind, owner_id);
