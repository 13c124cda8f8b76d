-- Actions waiting for a person's yes, and how each ended. The conditional UPDATE ... WHERE
-- state = 'PENDING' in ApprovalRepository makes approving idempotent across links and SMS.
CREATE SCHEMA IF NOT EXISTS approval;

CREATE TABLE approval.pending_actions (
    id            uuid        PRIMARY KEY,   -- the ActionRequest id; also the control action id
    short_code    text        NOT NULL,      -- 4 digits for SMS replies, unique among pending actions
    device        text        NOT NULL,
    turn_on       boolean     NOT NULL,
    source        text        NOT NULL,      -- AUTOMATION, AGENT, MANUAL
    requested_by  text        NOT NULL,
    reason        text        NOT NULL,
    why           text        NOT NULL DEFAULT '',
    requested_at  timestamptz NOT NULL,      -- when the rules or the agent asked
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    state         text        NOT NULL,      -- PENDING, APPROVED, EXECUTED, REJECTED, EXPIRED, FAILED
    resolved_by   text,                      -- user, phone number or email address
    resolved_via  text,                      -- LINK, SMS, WEB
    resolved_at   timestamptz,
    result        text,                      -- the control pipeline's result
    result_detail text
);
CREATE UNIQUE INDEX pending_actions_open_code ON approval.pending_actions (short_code) WHERE state = 'PENDING';
CREATE INDEX pending_actions_state ON approval.pending_actions (state, expires_at);

-- Single-use signed links: a used signature is remembered.
CREATE TABLE approval.used_links (
    action_id uuid        NOT NULL,
    decision  text        NOT NULL,
    used_at   timestamptz NOT NULL,
    PRIMARY KEY (action_id, decision)
);

-- Secrets generated on first run when configuration gives none.
CREATE TABLE approval.secrets (
    name  text PRIMARY KEY,
    value text NOT NULL
);

CREATE SCHEMA IF NOT EXISTS notify;

-- One row: who is told what and when; defaults come from configuration until saved.
CREATE TABLE notify.settings (
    id                int         PRIMARY KEY CHECK (id = 1),
    email             text,
    phone             text,
    critical_only     boolean     NOT NULL,
    quiet_start       time,
    quiet_end         time,
    confirmation_mode text        NOT NULL,  -- ALWAYS, SOMETIMES, NEVER
    updated_by        text        NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE TABLE notify.log (
    id          bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL,
    channel     text        NOT NULL,  -- EMAIL, SMS
    recipient   text        NOT NULL,
    template    text        NOT NULL,  -- approval-request, approval-result, alert-*
    status      text        NOT NULL,  -- SENT, FAILED, SKIPPED
    provider_id text,                  -- Twilio message sid, mail Message-ID
    detail      text
);
CREATE INDEX notify_log_at ON notify.log (at DESC);
