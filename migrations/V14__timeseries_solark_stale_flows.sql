-- SolArk flows carry no time stamp: a frozen cloud repeats old numbers as if current. The poller marks such a
-- flow stale (values unchanged past its limit while the battery monitor shows the battery moving). Stale rows are
-- kept so /solark/current can say since when the numbers are frozen; history and aggregates skip them.
ALTER TABLE solark.flow_readings
    ADD COLUMN stale        boolean     NOT NULL DEFAULT false,
    ADD COLUMN last_changed timestamptz;  -- when these values first appeared; null for rows stored before V14
