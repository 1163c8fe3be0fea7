-- Numbers of the invoices billing issues itself (for subscription charges): INV-<year>-<n>, from 500000 up,
-- clear of the numbers admins and the demo data give by hand; a number already taken is skipped.
CREATE SEQUENCE invoice_number_seq START WITH 500000;

-- What billing did with each subscription event that moves money: one row per event (the unique key
-- that makes a replay do nothing), with the invoice it issued or the credit it gave.
CREATE TABLE subscription_charge (
    event_id            UUID PRIMARY KEY,
    account_id          UUID           NOT NULL REFERENCES billing_account (id),
    subscription_id     UUID           NOT NULL,
    subscription_number TEXT           NOT NULL,
    event_type          TEXT           NOT NULL,
    outcome             TEXT           NOT NULL CHECK (outcome IN ('invoiced', 'credited', 'nothing_due')),
    invoice_id          UUID REFERENCES invoice (id),
    amount              NUMERIC(19, 4) NOT NULL,
    created_at          TIMESTAMPTZ    NOT NULL
);
CREATE INDEX subscription_charge_account ON subscription_charge (account_id, created_at);
