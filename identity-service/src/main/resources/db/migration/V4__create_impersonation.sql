-- "Login as Customer": one row per impersonation, from start to its end (exit, expiry, logout, or
-- ended by another admin). The gateway reports both ends; the rows are the portal's own audit trail
-- (Keycloak records little about token exchange).
CREATE TABLE impersonation_session (
    id             UUID PRIMARY KEY,
    admin_id       TEXT        NOT NULL,
    admin_username TEXT        NOT NULL,
    user_id        TEXT        NOT NULL,
    username       TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    source_address TEXT,
    started_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    ended_at       TIMESTAMPTZ,
    ended_how      TEXT CHECK (ended_how IN ('exit', 'expiry', 'logout', 'ended_by_admin')),
    ended_by       TEXT
);
CREATE INDEX impersonation_session_active ON impersonation_session (started_at DESC) WHERE ended_at IS NULL;

-- Who did what to whom: searchable by the user acted as, the acting admin, account, action and time.
CREATE TABLE audit_event (
    id           UUID PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    action       TEXT        NOT NULL,
    user_id      TEXT,
    username     TEXT,
    acting_admin TEXT,
    account_ids  UUID[]      NOT NULL DEFAULT '{}',
    session_id   UUID REFERENCES impersonation_session (id),
    detail       TEXT,
    source_address TEXT
);
CREATE INDEX audit_event_at ON audit_event (at DESC, id);
CREATE INDEX audit_event_user ON audit_event (user_id, at DESC);
CREATE INDEX audit_event_admin ON audit_event (acting_admin, at DESC);
CREATE INDEX audit_event_accounts ON audit_event USING GIN (account_ids);
