-- Who belongs to which billing account: a customer contact of the account, or its account manager.
CREATE TABLE account_membership (
    user_id     TEXT        NOT NULL,
    account_id  UUID        NOT NULL,
    relation    TEXT        NOT NULL CHECK (relation IN ('contact', 'manager')),
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL,
    PRIMARY KEY (user_id, account_id)
);
CREATE INDEX account_membership_account ON account_membership (account_id);
