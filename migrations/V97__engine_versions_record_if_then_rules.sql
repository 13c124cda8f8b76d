-- A rule-set version records the owner's if/then rules it ran with, as it records the decision-table rows, so a
-- rollback brings them back too. NULL: a version made before this recorded none (a rollback keeps the stored ones).
ALTER TABLE engine.rule_set_versions ADD COLUMN if_then_rules jsonb;
