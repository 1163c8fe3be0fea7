-- An invoice is issued in its account's currency and keeps it, so the invoice feature reads its own
-- table only (no join to billing_account for the currency).
ALTER TABLE invoice ADD COLUMN currency CHAR(3);
UPDATE invoice i SET currency = a.currency FROM billing_account a WHERE a.id = i.account_id;
ALTER TABLE invoice ALTER COLUMN currency SET NOT NULL;
