-- Who wrote what, with the acting admin when an admin logged in as the customer made the change (the
-- token's impersonator claim): the subscription keeps its last writer, subscription_activity every write.
ALTER TABLE subscription ADD COLUMN acting_admin TEXT;

CREATE TABLE subscription_activity (
    id              UUID        PRIMARY KEY,
    subscription_id UUID        NOT NULL REFERENCES subscription (id),
    action          TEXT        NOT NULL,
    at              TIMESTAMPTZ NOT NULL,
    done_by         TEXT        NOT NULL,
    acting_admin    TEXT
);
CREATE INDEX subscription_activity_subscription ON subscription_activity (subscription_id, at);
CREATE INDEX subscription_activity_admin ON subscription_activity (acting_admin, at) WHERE acting_admin IS NOT NULL;
