-- Identity (issue 10): every row that travels between laptops gets a stable text uid. The
-- columns are added here and filled by the migration's hook (`uid::fill_existing`): name-based
-- UUIDs from natural keys, random ones for findings, notices and audit entries. The next
-- migration makes them unique and required.
ALTER TABLE profiles ADD COLUMN uid TEXT;
ALTER TABLE plans ADD COLUMN uid TEXT;
ALTER TABLE plan_agencies ADD COLUMN uid TEXT;
ALTER TABLE inspections ADD COLUMN uid TEXT;
ALTER TABLE inspection_items ADD COLUMN uid TEXT;
ALTER TABLE inspection_scores ADD COLUMN uid TEXT;
ALTER TABLE evidence ADD COLUMN uid TEXT;
ALTER TABLE evidence_items ADD COLUMN uid TEXT;
ALTER TABLE evidence_criteria ADD COLUMN uid TEXT;
ALTER TABLE findings ADD COLUMN uid TEXT;
ALTER TABLE notices ADD COLUMN uid TEXT;
ALTER TABLE audit_log ADD COLUMN uid TEXT;

-- The audit log refuses updates; lifted for this one fill, put back by the next migration.
DROP TRIGGER audit_log_no_update;
