-- Rules engine: the owner's preferences, decision tables, activated rule-set versions,
-- device locks and every decision with the rules behind it.
CREATE SCHEMA IF NOT EXISTS engine;

-- One row (or none: then the configured defaults apply).
CREATE TABLE engine.preferences (
    id                      boolean PRIMARY KEY DEFAULT true CHECK (id),
    critical_soc            double precision NOT NULL,
    min_soc                 double precision NOT NULL,
    target_soc              double precision NOT NULL,
    pause_miners_below      double precision NOT NULL,
    resume_miners_above     double precision NOT NULL,
    max_grid_draw_watts     double precision NOT NULL,
    solar_priority_from     time,
    solar_priority_until    time,
    quiet_from              time,
    quiet_until             time,
    miner_cooldown_minutes  integer NOT NULL,
    manual_hold_minutes     integer NOT NULL,
    pause_confirm_minutes   integer NOT NULL,
    updated_by              text NOT NULL DEFAULT '',
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE engine.decision_tables (
    name        text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    description text NOT NULL DEFAULT '',
    enabled     boolean NOT NULL DEFAULT true,
    updated_by  text NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Conditions are optional (NULL = any); ranges include "from" and exclude "below".
CREATE TABLE engine.decision_table_rows (
    table_name       text NOT NULL REFERENCES engine.decision_tables (name) ON DELETE CASCADE ON UPDATE CASCADE,
    row_no           integer NOT NULL CHECK (row_no > 0),
    name             text NOT NULL,
    soc_from         double precision,
    soc_below        double precision,
    pv_from          double precision,
    pv_below         double precision,
    load_from        double precision,
    load_below       double precision,
    grid_from        double precision,
    grid_below       double precision,
    time_from        time,
    time_until       time,
    weekdays         text,
    device           text,
    device_type      text,
    switch_on        boolean NOT NULL,
    priority         integer NOT NULL DEFAULT 0,
    cooldown_minutes integer NOT NULL DEFAULT 10,
    enabled          boolean NOT NULL DEFAULT true,
    PRIMARY KEY (table_name, row_no),
    UNIQUE (table_name, name)
);

-- Every rule set that went live: its full sources, so it can be shown and rolled back.
CREATE TABLE engine.rule_set_versions (
    version      serial PRIMARY KEY,
    activated_at timestamptz NOT NULL DEFAULT now(),
    activated_by text NOT NULL,
    source       text NOT NULL,
    content_hash text NOT NULL,
    files        jsonb NOT NULL,
    tables       jsonb NOT NULL,
    build_millis bigint NOT NULL,
    active       boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX rule_set_versions_one_active ON engine.rule_set_versions (active) WHERE active;

CREATE TABLE engine.device_locks (
    device    text PRIMARY KEY,
    locked_by text NOT NULL,
    reason    text NOT NULL DEFAULT '',
    locked_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE engine.decisions (
    request_id       uuid PRIMARY KEY,
    site             text NOT NULL,
    device           text NOT NULL,
    switch_on        boolean NOT NULL,
    source           text NOT NULL,
    requested_by     text NOT NULL,
    request_reason   text NOT NULL,
    requested_at     timestamptz NOT NULL,
    outcome          text NOT NULL,
    reasons          jsonb NOT NULL,
    fired_rules      jsonb NOT NULL,
    facts            jsonb NOT NULL,
    hold_until       timestamptz,
    decided_at       timestamptz NOT NULL,
    rule_set_version integer NOT NULL
);
CREATE INDEX decisions_by_time ON engine.decisions (decided_at);
CREATE INDEX decisions_by_device ON engine.decisions (device, decided_at);
