-- Test mode: simulation and replay runs started over REST, with their request, progress and report.
CREATE SCHEMA IF NOT EXISTS testmode;

CREATE TABLE testmode.simulation_runs (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('simulation', 'replay')),
    status          text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    progress        double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    request         jsonb NOT NULL,
    error           text,
    -- report.json exactly as written (text, not jsonb, so its bytes and key order are kept)
    report          text,
    violation_count integer,
    wall_millis     bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    finished_at     timestamptz
);

CREATE INDEX simulation_runs_created_at ON testmode.simulation_runs (created_at DESC);
