-- Learning mode: what people did with the situation at that moment, and what learning suggests from it.
CREATE SCHEMA IF NOT EXISTS learning;

CREATE TABLE learning.observations (
    id             bigserial   PRIMARY KEY,
    kind           text        NOT NULL CHECK (kind IN ('APPROVED', 'REJECTED', 'EXPIRED', 'MANUAL', 'OVERRIDE',
                                                        'AUTOMATION_UNDID')),
    device         text        NOT NULL,
    device_type    text        NOT NULL,
    switch_on      boolean     NOT NULL,
    requested_by   text        NOT NULL,
    decision       uuid,
    -- the site then; NULL when the engine did not know it
    soc            double precision,
    pv             double precision,
    load           double precision,
    grid           double precision,
    minute_of_day  integer     NOT NULL,
    weekday        integer     NOT NULL,
    mode           text,
    forecast_kwh   double precision,
    at             timestamptz NOT NULL
);
CREATE INDEX observations_by_time ON learning.observations (at);

CREATE TABLE learning.suggestions (
    id               bigserial   PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('NEW_RULE', 'THRESHOLD', 'CONFIRMATION')),
    key              text        NOT NULL UNIQUE,
    title            text        NOT NULL,
    rule             jsonb,
    confidence       double precision NOT NULL,
    evidence         jsonb       NOT NULL,
    approvals_saved  integer     NOT NULL,
    dry_run          jsonb       NOT NULL,
    -- a changed threshold: the new value, in %
    setting_value    double precision,
    status           text        NOT NULL CHECK (status IN ('OFFERED', 'WITHHELD', 'ACCEPTED', 'DISMISSED')),
    why              text,
    -- how much evidence there was when it was dismissed: offered again only once that has doubled
    dismissed_with   integer,
    created_at       timestamptz NOT NULL,
    decided_at       timestamptz,
    decided_by       text
);
