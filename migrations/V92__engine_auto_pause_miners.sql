-- "Auto-pause miners": whether automation pauses miners for a low battery (the battery floor sheds them below the
-- minimum and at critical charge either way). Saved preferences keep today's behaviour: yes.
ALTER TABLE engine.preferences ADD COLUMN auto_pause_miners boolean NOT NULL DEFAULT true;
