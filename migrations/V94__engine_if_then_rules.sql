-- If/then rules an owner builds on /automation: data, not code (the generic rules in rules/if-then.drl match them).
-- The definition is the rule as the builder saved it (conditions, sustained minutes, cooldown, actions), as JSON.
CREATE TABLE engine.if_then_rules (
    name        text        PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 60),
    enabled     boolean     NOT NULL DEFAULT true,
    definition  jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text        NOT NULL
);
