-- Hourly and daily roll-ups of the raw readings (bucket = start of the UTC hour or day).
-- min/avg/max are over the samples in the bucket; energy (Wh) is integrated from power with
-- the trapezoid rule between consecutive samples, split exactly at bucket edges, and not
-- across gaps longer than commandcenter.timeseries.energy-max-gap (unknown is not zero).
-- Daily rows are computed from hourly rows (energy sums, sample-weighted averages).

CREATE TABLE victron.battery_hourly (
    site          text             NOT NULL,
    bucket        timestamptz      NOT NULL,
    samples       integer          NOT NULL,
    soc_min       double precision,
    soc_avg       double precision,
    soc_max       double precision,
    voltage_min   double precision,
    voltage_avg   double precision,
    voltage_max   double precision,
    power_min     double precision,
    power_avg     double precision,
    power_max     double precision,
    charge_wh     double precision,
    discharge_wh  double precision,
    PRIMARY KEY (site, bucket)
);
CREATE TABLE victron.battery_daily (LIKE victron.battery_hourly INCLUDING ALL);

CREATE TABLE solark.flow_hourly (
    site              text             NOT NULL,
    bucket            timestamptz      NOT NULL,
    samples           integer          NOT NULL,
    soc_min           double precision,
    soc_avg           double precision,
    soc_max           double precision,
    pv_power_min      double precision,
    pv_power_avg      double precision,
    pv_power_max      double precision,
    load_power_min    double precision,
    load_power_avg    double precision,
    load_power_max    double precision,
    grid_power_min    double precision,
    grid_power_avg    double precision,
    grid_power_max    double precision,
    battery_power_min double precision,
    battery_power_avg double precision,
    battery_power_max double precision,
    pv_wh             double precision,
    load_wh           double precision,
    import_wh         double precision,
    export_wh         double precision,
    charge_wh         double precision,
    discharge_wh      double precision,
    PRIMARY KEY (site, bucket)
);
CREATE TABLE solark.flow_daily (LIKE solark.flow_hourly INCLUDING ALL);

CREATE TABLE shelly.power_hourly (
    device         text             NOT NULL,
    bucket         timestamptz      NOT NULL,
    samples        integer          NOT NULL,  -- all readings, online or not
    known_samples  integer          NOT NULL,  -- readings with a known power
    power_min      double precision,
    power_avg      double precision,
    power_max      double precision,
    voltage_min    double precision,
    voltage_avg    double precision,
    voltage_max    double precision,
    energy_wh      double precision,
    PRIMARY KEY (device, bucket)
);
CREATE TABLE shelly.power_daily (LIKE shelly.power_hourly INCLUDING ALL);
