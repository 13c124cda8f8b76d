-- The device registry: every Shelly relay the site knows, named and typed by the owner.
CREATE TABLE shelly.devices (
    name         text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    cloud_id     text        NOT NULL,
    channel      integer     NOT NULL DEFAULT 0 CHECK (channel >= 0),
    type         text        NOT NULL DEFAULT 'OTHER',
    rated_power  double precision NOT NULL DEFAULT 0 CHECK (rated_power >= 0),
    online       boolean     NOT NULL DEFAULT false,
    last_seen    timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cloud_id, channel)
);
