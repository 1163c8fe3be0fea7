-- The demo catalog: fixed ids and ON CONFLICT DO NOTHING, so running it against a database that
-- already has these rows (or an admin's edits of them) changes nothing.
INSERT INTO product (id, code, name, description, created_at, created_by) VALUES
    ('00000000-0000-4000-8000-000000000001', 'analytics', 'Peak Analytics', 'Dashboards and reports per seat', now(), 'seed'),
    ('00000000-0000-4000-8000-000000000002', 'support', 'Peak Support', 'Support desk per agent', now(), 'seed')
ON CONFLICT DO NOTHING;

INSERT INTO plan (id, code, product_id, name, billing_period, currency, unit_price, trial_days, created_at, created_by) VALUES
    ('00000000-0000-4000-8000-000000000101', 'analytics-standard-usd-monthly', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Standard', 'monthly', 'USD', 49.00, 14, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000102', 'analytics-pro-usd-monthly', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Pro', 'monthly', 'USD', 99.00, 14, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000103', 'analytics-pro-usd-quarterly', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Pro (quarterly)', 'quarterly', 'USD', 285.00, 0, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000104', 'analytics-pro-usd-annual', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Pro (annual)', 'annual', 'USD', 990.00, 0, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000105', 'support-premium-usd-monthly', '00000000-0000-4000-8000-000000000002', 'Peak Support Premium', 'monthly', 'USD', 199.00, 0, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000111', 'analytics-standard-eur-monthly', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Standard', 'monthly', 'EUR', 45.00, 14, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000112', 'analytics-pro-eur-monthly', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Pro', 'monthly', 'EUR', 89.00, 14, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000114', 'analytics-pro-eur-annual', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Pro (annual)', 'annual', 'EUR', 890.00, 0, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000115', 'support-premium-eur-monthly', '00000000-0000-4000-8000-000000000002', 'Peak Support Premium', 'monthly', 'EUR', 179.00, 0, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000121', 'analytics-standard-jpy-monthly', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Standard', 'monthly', 'JPY', 6800, 14, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000122', 'analytics-pro-jpy-monthly', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Pro', 'monthly', 'JPY', 14800, 14, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000124', 'analytics-pro-jpy-annual', '00000000-0000-4000-8000-000000000001', 'Peak Analytics Pro (annual)', 'annual', 'JPY', 148000, 0, now(), 'seed')
ON CONFLICT DO NOTHING;

INSERT INTO add_on (id, code, product_id, name, billing_period, currency, unit_price, created_at, created_by) VALUES
    ('00000000-0000-4000-8000-000000000201', 'extra-storage-usd', '00000000-0000-4000-8000-000000000001', 'Extra storage 100 GB', 'monthly', 'USD', 10.00, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000211', 'extra-storage-eur', '00000000-0000-4000-8000-000000000001', 'Extra storage 100 GB', 'monthly', 'EUR', 9.00, now(), 'seed'),
    ('00000000-0000-4000-8000-000000000221', 'extra-storage-jpy', '00000000-0000-4000-8000-000000000001', 'Extra storage 100 GB', 'monthly', 'JPY', 1500, now(), 'seed')
ON CONFLICT DO NOTHING;
