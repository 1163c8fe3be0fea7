-- Saved payment methods hold the processor's token and display fields only: never a card number or CVC.
CREATE TABLE payment_method (
    id         UUID PRIMARY KEY,
    account_id UUID        NOT NULL REFERENCES billing_account (id),
    kind       TEXT        NOT NULL CHECK (kind IN ('card', 'bank_account')),
    token      TEXT        NOT NULL,
    brand      TEXT        NOT NULL,
    last4      CHAR(4)     NOT NULL,
    exp_month  INTEGER,
    exp_year   INTEGER,
    holder     TEXT,
    is_default BOOLEAN     NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ NOT NULL,
    created_by TEXT        NOT NULL,
    removed_at TIMESTAMPTZ
);
CREATE INDEX payment_method_account ON payment_method (account_id) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX payment_method_one_default ON payment_method (account_id) WHERE is_default AND removed_at IS NULL;

ALTER TABLE payment ADD COLUMN payment_method_id UUID REFERENCES payment_method (id);
ALTER TABLE payment ADD COLUMN failure_reason TEXT;

-- Which accounts have active subscriptions, kept from subscription-service's events.
CREATE TABLE account_subscription (
    account_id UUID NOT NULL,
    number     TEXT NOT NULL,
    status     TEXT NOT NULL,
    PRIMARY KEY (account_id, number)
);
