-- Site modes: named preference profiles ("Storm prep": keep the battery fuller; "Away": every automated action
-- needs a person). A mode overrides only what it names; NULL keeps the owner's preference. The mode in force is the
-- latest switch; every switch is kept, with who made it and why.
CREATE TABLE engine.site_modes (
    name                 text        PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40),
    description          text        NOT NULL DEFAULT '',
    min_soc              real,
    pause_miners_below   real,
    resume_miners_above  real,
    confirmation         text        CHECK (confirmation IN ('ALWAYS', 'SOMETIMES', 'NEVER')),
    built_in             boolean     NOT NULL DEFAULT false,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    updated_by           text        NOT NULL DEFAULT 'system'
);

INSERT INTO engine.site_modes (name, description, min_soc, confirmation, built_in) VALUES
    ('Normal', 'The preferences as set', NULL, NULL, true),
    ('Storm prep', 'Keep the battery fuller before a storm: no load switched on below 60 %', 60, NULL, true),
    ('Away', 'Nobody on site: every automated action waits for a person''s approval', NULL, 'ALWAYS', true);

CREATE TABLE engine.site_mode_switches (
    id           bigserial   PRIMARY KEY,
    mode         text        NOT NULL,
    switched_at  timestamptz NOT NULL,
    switched_by  text        NOT NULL,
    reason       text        NOT NULL DEFAULT ''
);
