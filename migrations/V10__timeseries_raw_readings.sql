-- Raw readings, one table per device cloud, partitioned by day (UTC) on the measurement time.
-- The application creates daily partitions ahead of time and drops whole partitions for
-- retention; the DEFAULT partition only catches rows outside the prepared days.
-- Each table has exactly one index (its primary key): every extra index slows COPY down.

-- Victron battery monitor. The key leads with `at` so "latest" and time ranges use the index.
CREATE TABLE victron.battery_readings (
    site        text             NOT NULL,
    at          timestamptz      NOT NULL,
    soc         double precision NOT NULL,  -- percent 0..100
    voltage     double precision NOT NULL,  -- V
    current     double precision NOT NULL,  -- A, positive while charging
    power       double precision NOT NULL,  -- W = V x I, positive while charging
    temperature double precision,           -- degrees C, null without a sensor
    PRIMARY KEY (at, site)
) PARTITION BY RANGE (at);
CREATE TABLE victron.battery_readings_default PARTITION OF victron.battery_readings DEFAULT;

-- SolArk inverter energy flow; signs normalised by the poller.
CREATE TABLE solark.flow_readings (
    site          text             NOT NULL,
    at            timestamptz      NOT NULL,
    pv_power      double precision NOT NULL,  -- W produced, >= 0
    battery_power double precision NOT NULL,  -- W, positive = charging
    grid_power    double precision NOT NULL,  -- W, positive = import, negative = export
    load_power    double precision NOT NULL,  -- W consumed, >= 0
    soc           double precision NOT NULL,  -- percent 0..100
    PRIMARY KEY (at, site)
) PARTITION BY RANGE (at);
CREATE TABLE solark.flow_readings_default PARTITION OF solark.flow_readings DEFAULT;

-- Shelly relays. Measured values are null when unknown (device offline), never stale copies.
-- The key leads with the device: every query on this table names one device.
CREATE TABLE shelly.power_readings (
    device          text             NOT NULL,
    at              timestamptz      NOT NULL,
    online          boolean          NOT NULL,
    relay_on        boolean,
    power           double precision,  -- W
    voltage         double precision,  -- V
    current         double precision,  -- A
    energy_total_wh double precision,  -- lifetime counter, Wh
    PRIMARY KEY (device, at)
) PARTITION BY RANGE (at);
CREATE TABLE shelly.power_readings_default PARTITION OF shelly.power_readings DEFAULT;
