-- A business's teams of console users (sales, support …): a conversation can wait in a team's
-- queue, and then only the team's members receive it automatically.
CREATE TABLE tenancy_team (
    id          VARCHAR(20) PRIMARY KEY,
    business_id VARCHAR(20) NOT NULL REFERENCES tenancy_business (id),
    name        VARCHAR(60) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (business_id, name)
);
CREATE TABLE tenancy_team_member (
    team_id VARCHAR(20) NOT NULL REFERENCES tenancy_team (id),
    user_id VARCHAR(20) NOT NULL REFERENCES tenancy_console_user (id),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX tenancy_team_member_user ON tenancy_team_member (user_id);

ALTER TABLE inbox_conversation ADD COLUMN team_id VARCHAR(20);
