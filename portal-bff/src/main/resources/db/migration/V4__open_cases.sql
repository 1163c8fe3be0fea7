-- Open cases per account (Customer Accounts' "Open cases"), from case-service's events: one row per case
-- that is not closed. (V4: V3 is taken by another branch's migration.)
CREATE TABLE open_case (
    number      TEXT PRIMARY KEY,
    account_id  UUID        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX open_case_by_account ON open_case (account_id);
