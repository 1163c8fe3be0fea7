-- Profiles (permission sets): for each area a level and a scope. Every user has exactly one profile:
-- an explicit assignment in user_profile, else the default profile of their role.
CREATE TABLE profile (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    description TEXT        NOT NULL DEFAULT '',
    default_for TEXT UNIQUE CHECK (default_for IN ('customer', 'account_executive', 'success_agent', 'admin')),
    builtin     BOOLEAN     NOT NULL DEFAULT false,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by  TEXT        NOT NULL DEFAULT 'system'
);

CREATE TABLE profile_grant (
    profile_id UUID NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    area       TEXT NOT NULL CHECK (area IN ('pay_invoices', 'my_account', 'my_subscriptions', 'my_cases', 'customer_accounts')),
    level      TEXT NOT NULL CHECK (level IN ('none', 'view', 'create', 'edit', 'full')),
    scope      TEXT NOT NULL CHECK (scope IN ('restricted', 'all')),
    PRIMARY KEY (profile_id, area)
);

CREATE TABLE user_profile (
    user_id     TEXT PRIMARY KEY,
    profile_id  UUID        NOT NULL REFERENCES profile (id),
    assigned_at TIMESTAMPTZ NOT NULL,
    assigned_by TEXT        NOT NULL
);
CREATE INDEX user_profile_profile ON user_profile (profile_id);

INSERT INTO profile (id, name, description, default_for, builtin) VALUES
 ('b0000000-0000-4000-8000-000000000001', 'Customer standard', 'Pays invoices, edits account details, raises own cases', 'customer', true),
 ('b0000000-0000-4000-8000-000000000002', 'Customer billing admin', 'Everything on the account, all cases', NULL, true),
 ('b0000000-0000-4000-8000-000000000003', 'Customer read-only', 'Sees the account, pays nothing, changes nothing', NULL, true),
 ('b0000000-0000-4000-8000-000000000004', 'Account executive', 'Manages assigned accounts and all their cases', 'account_executive', true),
 ('b0000000-0000-4000-8000-000000000005', 'Success agent', 'Works cases of every account', 'success_agent', true),
 ('b0000000-0000-4000-8000-000000000006', 'Administrator', 'Everything', 'admin', true);

INSERT INTO profile_grant (profile_id, area, level, scope) VALUES
 ('b0000000-0000-4000-8000-000000000001', 'pay_invoices', 'create', 'all'),
 ('b0000000-0000-4000-8000-000000000001', 'my_account', 'edit', 'all'),
 ('b0000000-0000-4000-8000-000000000001', 'my_subscriptions', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000001', 'my_cases', 'create', 'restricted'),
 ('b0000000-0000-4000-8000-000000000001', 'customer_accounts', 'none', 'restricted'),
 ('b0000000-0000-4000-8000-000000000002', 'pay_invoices', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000002', 'my_account', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000002', 'my_subscriptions', 'edit', 'all'),
 ('b0000000-0000-4000-8000-000000000002', 'my_cases', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000002', 'customer_accounts', 'none', 'restricted'),
 ('b0000000-0000-4000-8000-000000000003', 'pay_invoices', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000003', 'my_account', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000003', 'my_subscriptions', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000003', 'my_cases', 'view', 'restricted'),
 ('b0000000-0000-4000-8000-000000000003', 'customer_accounts', 'none', 'restricted'),
 ('b0000000-0000-4000-8000-000000000004', 'pay_invoices', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000004', 'my_account', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000004', 'my_subscriptions', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000004', 'my_cases', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000004', 'customer_accounts', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000005', 'pay_invoices', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000005', 'my_account', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000005', 'my_subscriptions', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000005', 'my_cases', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000005', 'customer_accounts', 'view', 'all'),
 ('b0000000-0000-4000-8000-000000000006', 'pay_invoices', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000006', 'my_account', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000006', 'my_subscriptions', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000006', 'my_cases', 'full', 'all'),
 ('b0000000-0000-4000-8000-000000000006', 'customer_accounts', 'full', 'all');
