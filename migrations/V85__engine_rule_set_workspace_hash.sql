-- What the rules folder and the decision tables held (their content hash) when a version went
-- live. A rollback stays live across a restart for as long as they have not changed since.
ALTER TABLE engine.rule_set_versions ADD COLUMN workspace_hash text;
