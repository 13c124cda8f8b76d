-- Feature flags: the defaults come from configuration or the environment; an admin may override one at runtime.
-- An override stands until it is cleared; every change is kept with who made it, when and why.
CREATE SCHEMA IF NOT EXISTS features;

CREATE TABLE features.overrides (
    flag     text        PRIMARY KEY CHECK (flag ~ '^[A-Z][A-Z0-9_]{0,63}$'),
    enabled  boolean     NOT NULL,
    set_by   text        NOT NULL,
    set_at   timestamptz NOT NULL,
    reason   text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500)
);

-- Append-only. override: the value set, NULL when the override was cleared (back to the default);
-- was_enabled / enabled: the flag in force before and after.
CREATE TABLE features.changes (
    id           bigserial   PRIMARY KEY,
    flag         text        NOT NULL,
    override     boolean,
    was_enabled  boolean     NOT NULL,
    enabled      boolean     NOT NULL,
    changed_by   text        NOT NULL,
    changed_at   timestamptz NOT NULL,
    reason       text        NOT NULL
);

CREATE INDEX changes_by_flag ON features.changes (flag, id DESC);
