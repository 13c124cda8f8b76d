-- The notices an owner's if/then rule asked for ("notify me"), so /automation counts a rule that only notifies as
-- acting, like one that switches a device (engine.decisions) or the site mode (engine.site_mode_switches).
CREATE TABLE engine.rule_notices (
    rule       text        NOT NULL,
    asked_at   timestamptz NOT NULL,
    critical   boolean     NOT NULL
);
CREATE INDEX rule_notices_by_time ON engine.rule_notices (asked_at);
