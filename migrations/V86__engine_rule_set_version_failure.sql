-- A version that failed while firing on probation (at once, or within its first minutes live) is
-- rolled back automatically; the version keeps why, so it is shown and not brought back at a start.
ALTER TABLE engine.rule_set_versions ADD COLUMN failure text;
ALTER TABLE engine.rule_set_versions ADD COLUMN failed_at timestamptz;
