-- A payment is recorded as pending before the processor is called and settled (or failed) afterwards,
-- in a second transaction; what it should pay is kept with it so a reconciler can settle it later.
ALTER TABLE payment ADD COLUMN overpay_to_credit BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE payment ADD COLUMN settled_at TIMESTAMPTZ;
CREATE INDEX payment_pending ON payment (created_at) WHERE status = 'pending';

-- The invoices and amounts the payer chose (none: oldest due first), applied when the payment settles.
CREATE TABLE payment_requested_invoice (
    payment_id UUID           NOT NULL REFERENCES payment (id),
    invoice_id UUID           NOT NULL REFERENCES invoice (id),
    amount     NUMERIC(19, 4) NOT NULL CHECK (amount > 0),
    position   INTEGER        NOT NULL,
    PRIMARY KEY (payment_id, invoice_id)
);

-- The sandbox processor's own ledger of charges, by the caller's idempotency key. It stands in for the
-- processor's database: written in its own transaction, never in billing's, so it survives a billing crash.
CREATE TABLE sandbox_charge (
    idempotency_key TEXT PRIMARY KEY,
    reference       TEXT           NOT NULL UNIQUE,
    token           TEXT           NOT NULL,
    amount          NUMERIC(19, 4) NOT NULL,
    currency        CHAR(3)        NOT NULL,
    outcome         TEXT           NOT NULL,
    created_at      TIMESTAMPTZ    NOT NULL
);
