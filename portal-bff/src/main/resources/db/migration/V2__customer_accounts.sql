-- Customer Accounts (issue 9.5) from the read model: overdue amount (from billing's invoice and payment
-- events), account manager (from identity's events), indexes for search and for every sortable column.
ALTER TABLE account_summary
    ADD COLUMN overdue_amount  NUMERIC(19, 4) NOT NULL DEFAULT 0,
    ADD COLUMN account_manager TEXT;

-- Each account's open invoices (balance above zero), enough to derive the overdue amount on any day.
CREATE TABLE open_invoice (
    invoice_id UUID PRIMARY KEY,
    account_id UUID           NOT NULL,
    due_date   DATE           NOT NULL,
    balance    NUMERIC(19, 4) NOT NULL
);
CREATE INDEX open_invoice_by_account ON open_invoice (account_id, due_date);

-- Who manages each account, kept apart so it is known before billing's first summary of the account.
CREATE TABLE account_manager_assignment (
    account_id   UUID PRIMARY KEY,
    manager_id   TEXT,
    manager_name TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL
);

-- Keyset pages: one index per sort (the value, then the account id as tie-breaker).
CREATE INDEX account_summary_by_name ON account_summary (lower(name), account_id);
CREATE INDEX account_summary_by_number ON account_summary (account_number, account_id);
CREATE INDEX account_summary_by_balance ON account_summary (balance, account_id);
CREATE INDEX account_summary_by_credit ON account_summary (credit_balance, account_id);
CREATE INDEX account_summary_by_overdue ON account_summary (overdue_amount, account_id);
CREATE INDEX account_summary_by_last_payment ON account_summary (coalesce(last_payment_at, '-infinity'::timestamptz), account_id);
CREATE INDEX account_summary_by_status ON account_summary (status, account_id);
CREATE INDEX account_summary_by_manager ON account_summary (coalesce(lower(account_manager), ''), account_id);

-- Search (a case-insensitive substring of the name or number, so also a prefix) uses trigram indexes
-- where the server has pg_trgm (the embedded PostgreSQL 18 binaries and the official images do);
-- without it the migration still succeeds and a search scans the table.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX account_summary_name_trigram ON account_summary USING gin (lower(name) gin_trgm_ops);
    CREATE INDEX account_summary_number_trigram ON account_summary USING gin (lower(account_number) gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): a search scans account_summary', SQLERRM;
END $$;
