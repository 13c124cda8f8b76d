-- The roadmap's system_metrics shape: a metric's tags (outcome, source, kind …) beside its name and value, so the
-- platform's meters are stored every minute next to the reading counters.
ALTER TABLE system.system_metrics ADD COLUMN metadata jsonb;
