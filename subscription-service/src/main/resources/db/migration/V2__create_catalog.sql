CREATE TABLE product (
    id          UUID PRIMARY KEY,
    code        TEXT        NOT NULL UNIQUE,
    name        TEXT        NOT NULL,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL
);

-- unit_price is per unit and billing period, at the currency's scale (JPY 0, USD/EUR 2)
CREATE TABLE plan (
    id             UUID PRIMARY KEY,
    code           TEXT          NOT NULL UNIQUE,
    product_id     UUID          NOT NULL REFERENCES product (id),
    name           TEXT          NOT NULL,
    billing_period TEXT          NOT NULL CHECK (billing_period IN ('monthly', 'quarterly', 'annual')),
    currency       CHAR(3)       NOT NULL,
    unit_price     NUMERIC(19, 4) NOT NULL CHECK (unit_price >= 0),
    trial_days     INTEGER       NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 365),
    created_at     TIMESTAMPTZ   NOT NULL,
    created_by     TEXT          NOT NULL
);
CREATE INDEX plan_currency ON plan (currency, code);

CREATE TABLE add_on (
    id             UUID PRIMARY KEY,
    code           TEXT          NOT NULL UNIQUE,
    product_id     UUID          NOT NULL REFERENCES product (id),
    name           TEXT          NOT NULL,
    billing_period TEXT          NOT NULL CHECK (billing_period IN ('monthly', 'quarterly', 'annual')),
    currency       CHAR(3)       NOT NULL,
    unit_price     NUMERIC(19, 4) NOT NULL CHECK (unit_price >= 0),
    created_at     TIMESTAMPTZ   NOT NULL,
    created_by     TEXT          NOT NULL
);
CREATE INDEX add_on_currency ON add_on (currency, code);
