-- Readings the write path refused, with the reason: nothing is dropped silently.
CREATE TABLE system.rejected_readings (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text        NOT NULL,  -- victron | solark | shelly
    received_at timestamptz NOT NULL,
    reason      text        NOT NULL,
    payload     text        NOT NULL
);
CREATE INDEX rejected_readings_received_at ON system.rejected_readings (received_at);

-- Platform metrics sampled once a minute (readings stored/rejected, database size, ...).
CREATE TABLE system.system_metrics (
    name  text             NOT NULL,
    at    timestamptz      NOT NULL,
    value double precision NOT NULL,
    PRIMARY KEY (name, at)
);
