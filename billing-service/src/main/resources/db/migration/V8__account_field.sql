-- Fields an admin defines for every account (text, number, date, pick-list), and each account's values.
-- A value is kept as text in the field's canonical form (a plain decimal, an ISO date, one of the options).
CREATE TABLE account_field (
    id         UUID        PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    label      TEXT        NOT NULL,
    type       TEXT        NOT NULL CHECK (type IN ('text', 'number', 'date', 'picklist')),
    options    TEXT[]      NOT NULL DEFAULT '{}',
    required   BOOLEAN     NOT NULL DEFAULT false,
    position   INTEGER     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT        NOT NULL
);

CREATE TABLE account_field_value (
    account_id UUID        NOT NULL REFERENCES billing_account (id),
    field_id   UUID        NOT NULL REFERENCES account_field (id) ON DELETE CASCADE,
    value      TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT        NOT NULL,
    PRIMARY KEY (account_id, field_id)
);
CREATE INDEX account_field_value_field ON account_field_value (field_id);
