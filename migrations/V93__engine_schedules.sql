-- Schedules: an action at a time, once or again and again, in the site's time zone (data, not code). last_due is
-- the latest run that came due and last_outcome what became of it ("ran", "ran late", "skipped ..."); every run is
-- kept in schedule_runs.
CREATE TABLE engine.schedules (
    name          text        PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 60),
    enabled       boolean     NOT NULL DEFAULT true,
    definition    jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    last_due      timestamptz,
    last_outcome  text,
    updated_by    text        NOT NULL
);

CREATE TABLE engine.schedule_runs (
    id        bigserial   PRIMARY KEY,
    schedule  text        NOT NULL,
    due_at    timestamptz NOT NULL,
    ran_at    timestamptz NOT NULL,
    outcome   text        NOT NULL
);
