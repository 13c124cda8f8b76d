-- Essential loads (fridge, well pump) are never switched off by the battery floor.
ALTER TABLE shelly.devices ADD COLUMN essential boolean NOT NULL DEFAULT false;
