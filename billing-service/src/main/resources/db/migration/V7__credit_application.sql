-- Credit balance applied to open invoices, once per Idempotency-Key: a retry of the same request answers
-- the first application, the same key with another request is refused.
CREATE TABLE credit_application (
    id              UUID           PRIMARY KEY,
    account_id      UUID           NOT NULL REFERENCES billing_account (id),
    idempotency_key TEXT           NOT NULL,
    request_hash    TEXT           NOT NULL,
    amount          NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    currency        CHAR(3)        NOT NULL,
    applied_at      TIMESTAMPTZ    NOT NULL,
    applied_by      TEXT           NOT NULL,
    acting_admin    TEXT,
    UNIQUE (account_id, idempotency_key)
);

CREATE TABLE credit_application_invoice (
    application_id UUID           NOT NULL REFERENCES credit_application (id),
    invoice_id     UUID           NOT NULL REFERENCES invoice (id),
    amount         NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    position       INTEGER        NOT NULL,
    PRIMARY KEY (application_id, invoice_id)
);
