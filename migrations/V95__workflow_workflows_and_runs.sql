-- Multi-step workflows (the workflow module): definitions as the owner saved them, and each run with its history.
CREATE SCHEMA IF NOT EXISTS workflow;

CREATE TABLE workflow.workflows (
    name        text        PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 60),
    enabled     boolean     NOT NULL DEFAULT true,
    definition  jsonb       NOT NULL,
    -- the latest daily start that came due (started, skipped or missed), so a start is never taken twice
    last_due    timestamptz,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL
);

-- A run keeps the definition it started with: editing the workflow does not change a run under way.
CREATE TABLE workflow.runs (
    id               uuid        PRIMARY KEY,
    workflow         text        NOT NULL,
    definition       jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'BLOCKED', 'HALTED', 'CANCELLED', 'FAILED')),
    step             text        NOT NULL,
    step_started_at  timestamptz NOT NULL,
    switched         jsonb       NOT NULL DEFAULT '[]',
    steps_taken      integer     NOT NULL DEFAULT 0,
    started_at       timestamptz NOT NULL,
    started_by       text        NOT NULL,
    ended_at         timestamptz,
    outcome          text
);
-- One run of a workflow at a time.
CREATE UNIQUE INDEX runs_one_running ON workflow.runs (workflow) WHERE status = 'RUNNING';
CREATE INDEX runs_started ON workflow.runs (started_at DESC);

CREATE TABLE workflow.run_steps (
    run         uuid        NOT NULL REFERENCES workflow.runs (id) ON DELETE CASCADE,
    seq         integer     NOT NULL,
    step        text        NOT NULL,
    does        text        NOT NULL,
    in_words    text        NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz NOT NULL,
    outcome     text        NOT NULL,
    PRIMARY KEY (run, seq)
);
