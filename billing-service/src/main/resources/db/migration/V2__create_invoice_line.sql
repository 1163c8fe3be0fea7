CREATE TABLE invoice_line (
    invoice_id  UUID           NOT NULL REFERENCES invoice (id),
    line_no     INTEGER        NOT NULL,
    description TEXT           NOT NULL,
    quantity    NUMERIC(19, 4) NOT NULL CHECK (quantity > 0),
    unit_price  NUMERIC(19, 4) NOT NULL CHECK (unit_price >= 0),
    tax_rate    NUMERIC(7, 4)  NOT NULL CHECK (tax_rate >= 0 AND tax_rate <= 100),
    tax         NUMERIC(19, 4) NOT NULL,
    amount      NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);
-- keyset paging by amount and due date as well as by invoice date (V1)
CREATE INDEX invoice_account_amount ON invoice (account_id, amount, number);
ALTER TABLE billing_account ADD COLUMN locale TEXT NOT NULL DEFAULT 'en-US';
-- how a payment was made (card brand and last 4, bank account, credit) and the processor's reference
ALTER TABLE payment ADD COLUMN method_label TEXT;
ALTER TABLE payment ADD COLUMN gateway_reference TEXT;
