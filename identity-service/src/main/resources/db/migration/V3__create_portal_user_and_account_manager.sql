-- Portal users: a mirror of realm peak's Keycloak users (Keycloak stays the source of logins).
CREATE TABLE portal_user (
    id         TEXT PRIMARY KEY,
    username   TEXT        NOT NULL UNIQUE,
    email      TEXT,
    first_name TEXT,
    last_name  TEXT,
    enabled    BOOLEAN     NOT NULL,
    type       TEXT        NOT NULL CHECK (type IN ('customer', 'account_executive', 'success_agent', 'admin', 'service')),
    synced_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX portal_user_name ON portal_user (lower(coalesce(last_name, '')), lower(coalesce(first_name, '')), id);

-- Account managers (SupportCenter Plus model); the password lives in Keycloak only.
CREATE TABLE account_manager (
    user_id       TEXT PRIMARY KEY,
    employee_id   TEXT        NOT NULL UNIQUE,
    name          TEXT        NOT NULL,
    primary_email TEXT        NOT NULL,
    phone         TEXT,
    mobile        TEXT,
    login_name    TEXT        NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT        NOT NULL
);

-- One account manager per account; many accounts per manager.
CREATE UNIQUE INDEX account_membership_one_manager ON account_membership (account_id) WHERE relation = 'manager';

CREATE TABLE portal_setting (
    key        TEXT PRIMARY KEY,
    value      TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT        NOT NULL
);
INSERT INTO portal_setting (key, value, updated_at, updated_by)
VALUES ('allowManagersToCreateRequests', 'false', now(), 'system');
