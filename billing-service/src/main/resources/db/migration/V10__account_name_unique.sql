-- Account names are unique, compared as a person reads them: case-insensitive, surrounding spaces ignored,
-- a run of spaces counting as one. The index is the authority (the service's check before writing gives
-- the usual answer; this one also decides two concurrent creates, and covers the bulk data generator).
-- lower() folds case by the database's own locale.

-- Names that already clash (a stack that kept older demo, generated or test data) are made unique first:
-- every account but the oldest of a name gets its number appended. Announce the accounts again
-- (POST /admin/accounts/announce) for the read models to show the new names.
UPDATE billing_account a
SET name = a.name || ' (' || a.number || ')'
FROM (SELECT id,
             row_number() OVER (PARTITION BY lower(btrim(regexp_replace(name, '\s+', ' ', 'g')))
                                ORDER BY created_at, number) AS nth
      FROM billing_account) clash
WHERE clash.id = a.id
  AND clash.nth > 1;

CREATE UNIQUE INDEX billing_account_name_folded_key
    ON billing_account ((lower(btrim(regexp_replace(name, '\s+', ' ', 'g')))));
