-- What the rules engine remembers between readings, so a restart (a power cut) forgets none of it:
-- each device's last command (a person's hold, whether it was carried out, a protective off in
-- progress) and automation's last proposal (its cooldown), and per site the first reading below the
-- miner pause threshold and the low-battery alarm the owner was told about. Written as it changes,
-- restored into the session before the first reading.
CREATE TABLE engine.last_commands (
    site         text NOT NULL,
    device       text NOT NULL,
    switch_on    boolean NOT NULL,
    source       text NOT NULL,
    requested_by text NOT NULL,
    commanded_at timestamptz NOT NULL,
    hold_until   timestamptz,          -- NULL: the command holds nothing
    carried_out  boolean NOT NULL,
    PRIMARY KEY (site, device)
);

CREATE TABLE engine.last_proposals (
    site        text NOT NULL,
    device      text NOT NULL,
    switch_on   boolean NOT NULL,
    proposed_at timestamptz NOT NULL,
    PRIMARY KEY (site, device)
);

CREATE TABLE engine.battery_memory (
    site              text PRIMARY KEY,
    below_pause_since timestamptz,      -- NULL: not below the miner pause threshold
    below_pause_soc   double precision,
    alarm_level       text CHECK (alarm_level IN ('MINIMUM', 'CRITICAL')), -- NULL: no alarm
    alarm_soc         double precision,
    alarm_since       timestamptz
);
