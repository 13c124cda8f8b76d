-- Solar forecasts (Open-Meteo), one row per forecast hour of each issue: the irradiance on the array, cloud cover
-- and air temperature as forecast, and the PV power expected from them with the array's settings. Every issue is
-- kept (30 days) beside the readings, so a forecast can be compared with what the panels then gave.
CREATE SCHEMA IF NOT EXISTS forecast;

CREATE TABLE forecast.pv_hours (
    site            text        NOT NULL,
    issued_at       timestamptz NOT NULL,
    hour_end        timestamptz NOT NULL,  -- values are the mean of the hour before this instant
    irradiance      real        NOT NULL CHECK (irradiance >= 0),      -- W/m², global tilted irradiance
    cloud_cover     real        NOT NULL CHECK (cloud_cover BETWEEN 0 AND 100),
    temperature     real        NOT NULL,                              -- °C at 2 m
    expected_pv_w   real        NOT NULL CHECK (expected_pv_w >= 0),
    PRIMARY KEY (site, issued_at, hour_end)
);

CREATE INDEX pv_hours_by_hour ON forecast.pv_hours (site, hour_end, issued_at DESC);
