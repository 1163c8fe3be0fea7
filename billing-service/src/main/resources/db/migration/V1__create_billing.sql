CREATE TABLE billing_account (
    id             UUID PRIMARY KEY,
    number         TEXT           NOT NULL UNIQUE,
    name           TEXT           NOT NULL,
    currency       CHAR(3)        NOT NULL,
    status         TEXT           NOT NULL CHECK (status IN ('active', 'inactive')),
    credit_balance NUMERIC(19, 4) NOT NULL DEFAULT 0 CHECK (credit_balance >= 0),
    created_at     TIMESTAMPTZ    NOT NULL,
    updated_at     TIMESTAMPTZ    NOT NULL
);

CREATE TABLE invoice (
    id           UUID PRIMARY KEY,
    account_id   UUID           NOT NULL REFERENCES billing_account (id),
    number       TEXT           NOT NULL UNIQUE,
    invoice_date DATE           NOT NULL,
    due_date     DATE           NOT NULL,
    amount       NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    balance      NUMERIC(19, 4) NOT NULL CHECK (balance >= 0 AND balance <= amount),
    status       TEXT           NOT NULL,
    created_at   TIMESTAMPTZ    NOT NULL,
    created_by   TEXT           NOT NULL
);
-- open invoices in payment order, and the history list by date
CREATE INDEX invoice_account_due ON invoice (account_id, due_date, number);
CREATE INDEX invoice_account_date ON invoice (account_id, invoice_date DESC, number DESC);

CREATE TABLE payment (
    id              UUID PRIMARY KEY,
    account_id      UUID           NOT NULL REFERENCES billing_account (id),
    amount          NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    currency        CHAR(3)        NOT NULL,
    status          TEXT           NOT NULL,
    idempotency_key TEXT           NOT NULL,
    request_hash    TEXT           NOT NULL,
    created_at      TIMESTAMPTZ    NOT NULL,
    created_by      TEXT           NOT NULL,
    acting_admin    TEXT,
    UNIQUE (account_id, idempotency_key)
);
CREATE INDEX payment_account_date ON payment (account_id, created_at DESC);

CREATE TABLE payment_allocation (
    payment_id UUID           NOT NULL REFERENCES payment (id),
    invoice_id UUID           NOT NULL REFERENCES invoice (id),
    amount     NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    PRIMARY KEY (payment_id, invoice_id)
);
