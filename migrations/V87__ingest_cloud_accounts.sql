-- Cloud accounts saved on the setup page (the environment's COMMANDCENTER_* variables win over them).
-- The secret (VRM token, SolArk password, Shelly auth key) is AES-GCM sealed with a key kept outside the database.
CREATE TABLE system.cloud_accounts (
    source           text PRIMARY KEY CHECK (source IN ('victron', 'shelly', 'solark')),
    server           text,
    username         text,
    site_id          bigint,
    battery_instance integer,
    api              text,
    secret           bytea NOT NULL,
    saved_at         timestamptz NOT NULL,
    saved_by         text NOT NULL
);
