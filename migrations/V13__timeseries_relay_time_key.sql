-- Relay readings arrive in time order. A key that leads with `at` turns every insert into an
-- append at the right edge of the index, which COPY does markedly faster than inserting into one
-- run per device (measured by `bench-storage`, see docs/benchmarks.md). The key stays the only index.
ALTER TABLE shelly.power_readings DROP CONSTRAINT power_readings_pkey;
ALTER TABLE shelly.power_readings ADD PRIMARY KEY (at, device);

-- The latest reading of each relay, kept by the write path in the same transaction, so
-- "what is every relay doing now" is one small read instead of a search per device.
CREATE TABLE shelly.latest_readings (LIKE shelly.power_readings INCLUDING DEFAULTS);
ALTER TABLE shelly.latest_readings ADD PRIMARY KEY (device);
INSERT INTO shelly.latest_readings
SELECT DISTINCT ON (device) * FROM shelly.power_readings ORDER BY device, at DESC;
