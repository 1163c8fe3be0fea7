-- Read model of account summaries, kept current by billing's BalanceChanged events; rebuildable from billing's API.
CREATE TABLE account_summary (
    account_id          UUID PRIMARY KEY,
    account_number      TEXT           NOT NULL,
    name                TEXT           NOT NULL,
    currency            CHAR(3)        NOT NULL,
    status              TEXT           NOT NULL,
    balance             NUMERIC(19, 4) NOT NULL,
    credit_balance      NUMERIC(19, 4) NOT NULL,
    last_payment_amount NUMERIC(19, 4),
    last_payment_at     TIMESTAMPTZ,
    last_invoice_date   DATE,
    as_of               TIMESTAMPTZ    NOT NULL
);
