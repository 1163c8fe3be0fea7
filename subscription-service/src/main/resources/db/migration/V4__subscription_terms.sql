-- Subscriptions get a plan from the catalog, terms and lifecycle. Rows written before this version
-- keep plan_id NULL until an admin records them again (the demo seeder does on every start).
CREATE SEQUENCE subscription_number_seq START 1000;

ALTER TABLE subscription DROP CONSTRAINT subscription_status_check;
ALTER TABLE subscription ADD CONSTRAINT subscription_status_check
    CHECK (status IN ('trial', 'active', 'paused', 'cancelled', 'expired'));
ALTER TABLE subscription ADD CONSTRAINT subscription_quantity_max CHECK (quantity <= 10000);
ALTER TABLE subscription
    ADD COLUMN plan_id              UUID REFERENCES plan (id),
    ADD COLUMN currency             CHAR(3),
    -- terms run from term_start to term_end exclusive; term n ends at anchor_date + n periods, so a
    -- subscription started on the 31st renews on the last day of shorter months and the 31st again after
    ADD COLUMN anchor_date          DATE,
    ADD COLUMN term_number          INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN term_start           DATE,
    ADD COLUMN term_end             DATE,
    ADD COLUMN auto_renew           BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN paused_on            DATE,
    ADD COLUMN cancel_at_term_end   BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN cancellation_date    DATE,
    ADD COLUMN cancellation_reason  TEXT,
    ADD COLUMN cancellation_comment TEXT,
    ADD COLUMN scheduled_plan_id    UUID REFERENCES plan (id),
    ADD COLUMN scheduled_quantity   INTEGER CHECK (scheduled_quantity BETWEEN 1 AND 10000);
CREATE INDEX subscription_due ON subscription (term_end) WHERE status IN ('trial', 'active');

CREATE TABLE subscription_add_on (
    subscription_id UUID    NOT NULL REFERENCES subscription (id),
    add_on_id       UUID    NOT NULL REFERENCES add_on (id),
    quantity        INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    PRIMARY KEY (subscription_id, add_on_id)
);

-- One renewal (or expiry) per subscription and term: a second scheduler instance cannot repeat it.
CREATE TABLE subscription_renewal (
    subscription_id UUID        NOT NULL REFERENCES subscription (id),
    term_start      DATE        NOT NULL,
    outcome         TEXT        NOT NULL CHECK (outcome IN ('renewed', 'expired', 'cancelled', 'converted')),
    processed_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subscription_id, term_start)
);

-- Idempotency-Key per account: the first answer is kept and replayed to a retry with the same body.
CREATE TABLE idempotent_request (
    account_id   UUID        NOT NULL,
    key          TEXT        NOT NULL,
    request_hash TEXT        NOT NULL,
    status_code  INTEGER     NOT NULL,
    response     TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, key)
);

-- Billing's view of an account, from billing.account: changes are refused while it is inactive.
CREATE TABLE billing_account_status (
    account_id UUID        PRIMARY KEY,
    number     TEXT,
    status     TEXT        NOT NULL,
    as_of      TIMESTAMPTZ NOT NULL
);
