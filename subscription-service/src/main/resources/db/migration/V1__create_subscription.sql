CREATE TABLE subscription (
    id         UUID PRIMARY KEY,
    account_id UUID        NOT NULL,
    number     TEXT        NOT NULL UNIQUE,
    plan_name  TEXT        NOT NULL,
    quantity   INTEGER     NOT NULL CHECK (quantity > 0),
    status     TEXT        NOT NULL CHECK (status IN ('active', 'paused', 'cancelled')),
    start_date DATE        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT        NOT NULL
);
CREATE INDEX subscription_account ON subscription (account_id, number);
