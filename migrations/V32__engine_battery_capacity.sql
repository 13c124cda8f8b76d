-- The battery's usable capacity lets the floor project the charge to the next reading (0 = unknown).
ALTER TABLE engine.preferences ADD COLUMN battery_capacity_kwh double precision NOT NULL DEFAULT 0
    CHECK (battery_capacity_kwh >= 0);
