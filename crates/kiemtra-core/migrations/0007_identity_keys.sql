-- Identity, second step: the uids filled by the previous migration become unique and required,
-- and profiles are referenced by uid instead of by name (a plan's team lead and members, the
-- current profile).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE UNIQUE INDEX profiles_uid ON profiles (uid);
CREATE UNIQUE INDEX plans_uid ON plans (uid);
CREATE UNIQUE INDEX inspections_uid ON inspections (uid);
CREATE UNIQUE INDEX inspection_items_uid ON inspection_items (uid);
CREATE UNIQUE INDEX inspection_scores_uid ON inspection_scores (uid);
CREATE UNIQUE INDEX evidence_uid ON evidence (uid);
CREATE UNIQUE INDEX evidence_items_uid ON evidence_items (uid);
CREATE UNIQUE INDEX evidence_criteria_uid ON evidence_criteria (uid);
CREATE UNIQUE INDEX findings_uid ON findings (uid);
CREATE UNIQUE INDEX notices_uid ON notices (uid);
CREATE UNIQUE INDEX audit_log_uid ON audit_log (uid);

-- A row written without its uid is refused: every insert names it.
CREATE TRIGGER profiles_uid_required BEFORE INSERT ON profiles WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'profiles.uid is required'); END;
CREATE TRIGGER plans_uid_required BEFORE INSERT ON plans WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'plans.uid is required'); END;
CREATE TRIGGER inspections_uid_required BEFORE INSERT ON inspections WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'inspections.uid is required'); END;
CREATE TRIGGER inspection_items_uid_required BEFORE INSERT ON inspection_items WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'inspection_items.uid is required'); END;
CREATE TRIGGER inspection_scores_uid_required BEFORE INSERT ON inspection_scores WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'inspection_scores.uid is required'); END;
CREATE TRIGGER evidence_uid_required BEFORE INSERT ON evidence WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'evidence.uid is required'); END;
CREATE TRIGGER evidence_items_uid_required BEFORE INSERT ON evidence_items WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'evidence_items.uid is required'); END;
CREATE TRIGGER evidence_criteria_uid_required BEFORE INSERT ON evidence_criteria WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'evidence_criteria.uid is required'); END;
CREATE TRIGGER findings_uid_required BEFORE INSERT ON findings WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'findings.uid is required'); END;
CREATE TRIGGER notices_uid_required BEFORE INSERT ON notices WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'notices.uid is required'); END;
CREATE TRIGGER audit_log_uid_required BEFORE INSERT ON audit_log WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'audit_log.uid is required'); END;

-- Team members by profile uid. The old table is copied aside and dropped first, so that
-- rebuilding plan_agencies (its parent) cascades nothing.
CREATE TEMP TABLE team_members_old AS
    SELECT m.plan_id, m.agency_code, p.uid AS profile_uid
    FROM plan_team_members m JOIN profiles p ON p.name = m.profile_name;
DROP TABLE plan_team_members;

CREATE TABLE plan_agencies_new (
    plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    uid           TEXT NOT NULL UNIQUE,
    mode          TEXT NOT NULL CHECK (mode IN ('manual', 'random', 'rotation')),
    spot_check    INTEGER NOT NULL DEFAULT 0 CHECK (spot_check IN (0, 1)),
    window_from   TEXT,
    window_to     TEXT,
    team_lead_uid TEXT REFERENCES profiles (uid),
    PRIMARY KEY (plan_id, agency_code),
    CHECK (window_from IS NULL OR window_to IS NULL OR window_from <= window_to)
) STRICT;
INSERT INTO plan_agencies_new (plan_id, agency_code, uid, mode, spot_check, window_from, window_to, team_lead_uid)
    SELECT pa.plan_id, pa.agency_code, pa.uid, pa.mode, pa.spot_check, pa.window_from, pa.window_to,
           (SELECT p.uid FROM profiles p WHERE p.name = pa.team_lead)
    FROM plan_agencies pa;
DROP TABLE plan_agencies;
ALTER TABLE plan_agencies_new RENAME TO plan_agencies;

CREATE TABLE plan_team_members (
    plan_id       INTEGER NOT NULL,
    agency_code   TEXT NOT NULL,
    profile_uid   TEXT NOT NULL REFERENCES profiles (uid),
    PRIMARY KEY (plan_id, agency_code, profile_uid),
    FOREIGN KEY (plan_id, agency_code) REFERENCES plan_agencies (plan_id, agency_code) ON DELETE CASCADE
) STRICT;
INSERT INTO plan_team_members (plan_id, agency_code, profile_uid)
    SELECT plan_id, agency_code, profile_uid FROM team_members_old;
DROP TABLE team_members_old;

-- The current profile is kept by uid.
UPDATE settings SET value = (SELECT p.uid FROM profiles p WHERE p.name = settings.value)
    WHERE key = 'current_profile' AND EXISTS (SELECT 1 FROM profiles p WHERE p.name = settings.value);
