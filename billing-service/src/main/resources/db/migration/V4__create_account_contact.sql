-- Bill-to and (when different) sold-to contact of a billing account.
CREATE TABLE account_contact (
    account_id  UUID        NOT NULL REFERENCES billing_account (id),
    role        TEXT        NOT NULL CHECK (role IN ('bill_to', 'sold_to')),
    name        TEXT        NOT NULL,
    email       TEXT        NOT NULL,
    phone       TEXT,
    line1       TEXT        NOT NULL,
    line2       TEXT,
    city        TEXT        NOT NULL,
    postal_code TEXT,
    region      TEXT,
    country     CHAR(2)     NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT        NOT NULL,
    acting_admin TEXT,
    PRIMARY KEY (account_id, role)
);
