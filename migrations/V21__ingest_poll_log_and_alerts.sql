-- One row per poll of a device cloud: the record behind success rates, data gaps and alerts.
CREATE TABLE system.poll_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text        NOT NULL,  -- victron | shelly | solark
    started_at  timestamptz NOT NULL,
    duration_ms integer     NOT NULL CHECK (duration_ms >= 0),
    ok          boolean     NOT NULL,
    error       text,
    readings    integer     NOT NULL DEFAULT 0 CHECK (readings >= 0)
);
CREATE INDEX poll_log_source_started_at ON system.poll_log (source, started_at);

-- Operational alerts (a source silent too long, ...); open while cleared_at is null.
CREATE TABLE system.alerts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source     text        NOT NULL,
    kind       text        NOT NULL,
    message    text        NOT NULL,
    raised_at  timestamptz NOT NULL,
    cleared_at timestamptz
);
-- At most one open alert of a kind per source.
CREATE UNIQUE INDEX alerts_open_once ON system.alerts (source, kind) WHERE cleared_at IS NULL;
