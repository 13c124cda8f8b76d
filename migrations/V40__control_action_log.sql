-- Every hardware action, as an append-only log of events. An action is the set of rows
-- with one action_id; its first row (REQUESTED) says who asked for what, later rows record
-- the decision, each attempt, verification, rollback and the final result.
CREATE SCHEMA IF NOT EXISTS control;

CREATE TABLE control.action_log (
    id            bigserial PRIMARY KEY,
    action_id     uuid        NOT NULL,
    at            timestamptz NOT NULL,
    kind          text        NOT NULL,  -- REQUESTED, DECIDED, SENT, VERIFIED, SEND_FAILED, ROLLED_BACK, FINISHED, RECONCILED
    device        text        NOT NULL,
    source        text        NOT NULL,  -- MANUAL, AUTOMATION, AGENT
    requested_by  text        NOT NULL,
    requested_on  boolean     NOT NULL,
    previous_on   boolean,
    attempt       integer,
    result        text,                   -- on FINISHED/RECONCILED: SUCCEEDED, FAILED, BLOCKED, SKIPPED_OFFLINE, WOULD_EXECUTE, HALTED
    detail        jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX action_log_action ON control.action_log (action_id, id);
CREATE INDEX action_log_device_at ON control.action_log (device, at);
CREATE INDEX action_log_at ON control.action_log (at);

-- The log is evidence: refuse edits and deletions.
CREATE FUNCTION control.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'control.% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER action_log_append_only BEFORE UPDATE OR DELETE ON control.action_log
    FOR EACH ROW EXECUTE FUNCTION control.refuse_change();

-- Emergency stop engagements and releases; the newest row is the current state.
CREATE TABLE control.emergency_stop (
    id       bigserial PRIMARY KEY,
    at       timestamptz NOT NULL,
    engaged  boolean     NOT NULL,
    who      text        NOT NULL,
    why      text        NOT NULL
);
CREATE TRIGGER emergency_stop_append_only BEFORE UPDATE OR DELETE ON control.emergency_stop
    FOR EACH ROW EXECUTE FUNCTION control.refuse_change();

-- Actions that could not run because their device was offline, retried when it returns.
CREATE TABLE control.retry_queue (
    action_id     uuid PRIMARY KEY,
    device        text        NOT NULL,
    queued_at     timestamptz NOT NULL,
    next_try_at   timestamptz NOT NULL,
    tries         integer     NOT NULL DEFAULT 0
);
