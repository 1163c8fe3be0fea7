-- Customer Accounts' "Active subscriptions" and "MRR" (issue 10.7), from subscription-service's
-- SubscriptionUpdated.v1: each subscription's latest status and MRR, and their sums per account.
CREATE TABLE subscription_state (
    subscription_id UUID PRIMARY KEY,
    account_id      UUID           NOT NULL,
    status          TEXT           NOT NULL,
    currency        CHAR(3),
    mrr             NUMERIC(19, 4) NOT NULL,
    occurred_at     TIMESTAMPTZ    NOT NULL
);
CREATE INDEX subscription_state_by_account ON subscription_state (account_id);

ALTER TABLE account_summary
    ADD COLUMN active_subscriptions INTEGER        NOT NULL DEFAULT 0,
    ADD COLUMN mrr                  NUMERIC(19, 4) NOT NULL DEFAULT 0;

CREATE INDEX account_summary_by_active_subscriptions ON account_summary (active_subscriptions, account_id);
CREATE INDEX account_summary_by_mrr ON account_summary (mrr, account_id);
