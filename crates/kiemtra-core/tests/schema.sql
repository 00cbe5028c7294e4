CREATE INDEX agencies_block ON agencies (block, active);

CREATE UNIQUE INDEX audit_log_uid ON audit_log (uid);

CREATE INDEX changes_scope ON changes (year, agency);

CREATE INDEX changes_unit ON changes (unit);

CREATE INDEX checklist_item_cooperators_scope ON checklist_item_cooperators (scope);

CREATE INDEX checklist_item_scopes_scope ON checklist_item_scopes (scope);

CREATE UNIQUE INDEX evidence_criteria_uid ON evidence_criteria (uid);

CREATE UNIQUE INDEX evidence_items_uid ON evidence_items (uid);

CREATE UNIQUE INDEX evidence_uid ON evidence (uid);

CREATE INDEX findings_inspection ON findings (inspection_id);

CREATE UNIQUE INDEX findings_uid ON findings (uid);

CREATE INDEX followup_reports_entry ON followup_reports (followup_id);

CREATE INDEX followups_due ON followups (due);

CREATE UNIQUE INDEX inspection_items_uid ON inspection_items (uid);

CREATE UNIQUE INDEX inspection_scores_uid ON inspection_scores (uid);

CREATE UNIQUE INDEX inspections_uid ON inspections (uid);

CREATE UNIQUE INDEX notices_uid ON notices (uid);

CREATE UNIQUE INDEX plans_uid ON plans (uid);

CREATE UNIQUE INDEX profiles_uid ON profiles (uid);

CREATE TABLE agencies (
    code        TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    block       TEXT NOT NULL CHECK (block IN ('provincial', 'commune')),
    kind        TEXT,            -- xa | phuong for communes; NULL otherwise
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin      TEXT NOT NULL CHECK (origin IN ('seed', 'import', 'user'))
, addressee TEXT CHECK (addressee IS NULL OR addressee <> ''), head_title TEXT CHECK (head_title IS NULL OR head_title <> ''), inspecting_body INTEGER NOT NULL DEFAULT 0 CHECK (inspecting_body IN (0, 1))) STRICT;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    profile     TEXT,            -- NULL for system actions (seed loading)
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_key  TEXT NOT NULL,
    old_value   TEXT,            -- JSON
    new_value   TEXT             -- JSON
, uid TEXT) STRICT;

CREATE TABLE calendar_days (
    date        TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('off', 'working')),
    name        TEXT NOT NULL,
    confidence  TEXT
) STRICT;

CREATE TABLE calendar_years (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
    source      TEXT NOT NULL,
    loaded_at   TEXT NOT NULL
) STRICT;

CREATE TABLE change_bases (
    change      TEXT NOT NULL,
    base        TEXT NOT NULL,
    PRIMARY KEY (base, change)
) STRICT;

CREATE TABLE changes (
    seq          INTEGER PRIMARY KEY,            -- order of arrival in this store
    uid          TEXT NOT NULL UNIQUE,           -- the change's own id (UUIDv7)
    device       TEXT NOT NULL,                  -- the device that made it
    clock        TEXT NOT NULL,                  -- its hybrid logical clock (sortable text)
    profile      TEXT,                           -- who made it: profile uid
    profile_name TEXT,                           -- and their name then
    kind         TEXT NOT NULL,
    unit         TEXT NOT NULL,                  -- the uid of the unit it changes
    year         INTEGER,                        -- scope: the plan year (NULL for profiles)
    agency       TEXT,                           -- scope: the agency (NULL for plan-wide units)
    inspection   TEXT,                           -- the inspection uid, for inspection units
    bases        TEXT NOT NULL,                  -- JSON array: the changes it was made on top of
    value        TEXT NOT NULL                   -- JSON: the unit's whole state after it
) STRICT;

CREATE TABLE checklist_groups (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES checklist_templates (id) ON DELETE CASCADE,
    ref         TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('section', 'objective', 'task')),
    parent_ref  TEXT,
    text        TEXT NOT NULL,
    par_field   TEXT,
    position    INTEGER NOT NULL,
    UNIQUE (template_id, ref)
) STRICT;

CREATE TABLE checklist_item_cooperators (
    item_id     INTEGER NOT NULL REFERENCES checklist_items (id) ON DELETE CASCADE,
    scope       TEXT NOT NULL,
    PRIMARY KEY (item_id, scope)
) STRICT;

CREATE TABLE checklist_item_scopes (
    item_id     INTEGER NOT NULL REFERENCES checklist_items (id) ON DELETE CASCADE,
    scope       TEXT NOT NULL,
    PRIMARY KEY (item_id, scope)
) STRICT;

CREATE TABLE checklist_items (
    id            INTEGER PRIMARY KEY,
    template_id   INTEGER NOT NULL REFERENCES checklist_templates (id) ON DELETE CASCADE,
    source_ref    TEXT NOT NULL,
    section_ref   TEXT NOT NULL,
    objective_ref TEXT NOT NULL,
    task_ref      TEXT NOT NULL,
    text          TEXT NOT NULL,
    evidence      TEXT,
    lead          TEXT,
    cooperating   TEXT,
    deadline_text TEXT,
    due           TEXT,
    target_op     TEXT CHECK (target_op IN ('>', '>=', '=', '<=', '<')),
    target_value  REAL,
    target_unit   TEXT,
    par_fields    TEXT NOT NULL,  -- JSON array of field codes
    par_criteria  TEXT NOT NULL,  -- JSON array of criterion codes
    position      INTEGER NOT NULL, also_refs TEXT NOT NULL DEFAULT '[]', measure TEXT,
    UNIQUE (template_id, source_ref),
    CHECK ((target_op IS NULL) = (target_value IS NULL))
) STRICT;

CREATE TABLE checklist_templates (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    name        TEXT NOT NULL,
    source      TEXT NOT NULL,
    loaded_at   TEXT NOT NULL,
    UNIQUE (code, version)
) STRICT;

CREATE TABLE device (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    device_id   TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    secret_key  BLOB NOT NULL CHECK (length(secret_key) = 32),
    created_at  TEXT NOT NULL,
    clock       TEXT NOT NULL DEFAULT ''   -- the last hybrid logical clock issued or seen
) STRICT;

CREATE TABLE evidence (
    id              INTEGER PRIMARY KEY,
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            INTEGER NOT NULL CHECK (size > 0),
    media_type      TEXT NOT NULL,
    captured_at     TEXT NOT NULL,
    captured_by     TEXT NOT NULL, uid TEXT,
    UNIQUE (inspection_id, sha256)
) STRICT;

CREATE TABLE evidence_criteria (
    evidence_id     INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    criterion       TEXT NOT NULL, uid TEXT, framework_version TEXT,
    PRIMARY KEY (evidence_id, criterion)
) STRICT;

CREATE TABLE evidence_items (
    evidence_id     INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    source_ref      TEXT NOT NULL, uid TEXT,
    PRIMARY KEY (evidence_id, source_ref)
) STRICT;

CREATE TABLE findings (
    id              INTEGER PRIMARY KEY,
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('strength', 'shortcoming')),
    text            TEXT NOT NULL,
    source_ref      TEXT,
    criterion       TEXT,
    cause           TEXT,
    recommendation  TEXT,
    severity        TEXT CHECK (severity IN ('low', 'medium', 'high')),
    responsible     TEXT,
    due             TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL, uid TEXT,
    CHECK (source_ref IS NOT NULL OR criterion IS NOT NULL)
) STRICT;

CREATE TABLE followup_evidence (
    report_id       INTEGER NOT NULL REFERENCES followup_reports (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            INTEGER NOT NULL CHECK (size > 0),
    media_type      TEXT NOT NULL,
    PRIMARY KEY (report_id, sha256)
) STRICT;

CREATE TABLE followup_reports (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    followup_id     INTEGER NOT NULL REFERENCES followups (id) ON DELETE CASCADE,
    received_on     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('in_progress', 'done', 'not_done')),
    note            TEXT,
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL
) STRICT;

CREATE TABLE followups (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    finding_uid     TEXT NOT NULL,
    notice_id       INTEGER NOT NULL REFERENCES notices (id),
    finding         TEXT NOT NULL,
    recommendation  TEXT NOT NULL CHECK (recommendation <> ''),
    due             TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'in_progress', 'done', 'not_done')),
    -- No longer in the notice that replaced the one it came from (kept for its reports).
    withdrawn       INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    created_at      TEXT NOT NULL,
    UNIQUE (inspection_id, finding_uid)
) STRICT;

CREATE TABLE framework_nodes (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES framework_versions (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('field', 'criterion', 'sub_criterion')),
    max_points  REAL,
    parent_code TEXT,
    source      TEXT,
    position    INTEGER NOT NULL,
    UNIQUE (version_id, code)
) STRICT;

CREATE TABLE framework_versions (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    year        INTEGER,
    origin      TEXT NOT NULL CHECK (origin IN ('seed', 'import')),
    imported_at TEXT NOT NULL,
    is_current  INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1))
) STRICT;

CREATE TABLE inspection_items (
    id              INTEGER PRIMARY KEY,
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    source_ref      TEXT NOT NULL,
    section_ref     TEXT NOT NULL,
    objective_ref   TEXT NOT NULL,
    text            TEXT NOT NULL,
    evidence        TEXT,
    deadline_text   TEXT,
    due             TEXT,
    target_op       TEXT,
    target_value    REAL,
    target_unit     TEXT,
    par_fields      TEXT NOT NULL,
    par_criteria    TEXT NOT NULL,
    position        INTEGER NOT NULL,
    status          TEXT CHECK (status IN ('met', 'partial', 'unmet', 'na')),
    value           REAL,
    done_on         TEXT,
    note            TEXT,
    judgement       TEXT CHECK (judgement IN ('met', 'unmet', 'on_time', 'late')),
    updated_at      TEXT,
    updated_by      TEXT, uid TEXT, kind TEXT NOT NULL DEFAULT 'lead' CHECK (kind IN ('lead', 'cooperation')), also_refs TEXT NOT NULL DEFAULT '[]', measure TEXT,
    UNIQUE (inspection_id, source_ref)
) STRICT;

CREATE TABLE inspection_minutes (
    inspection_id   INTEGER PRIMARY KEY REFERENCES inspections (id) ON DELETE CASCADE,
    uid             TEXT NOT NULL UNIQUE,
    started_at      TEXT CHECK (started_at IS NULL OR started_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    ended_at        TEXT CHECK (ended_at IS NULL OR ended_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    place           TEXT CHECK (place IS NULL OR place <> ''),
    representatives TEXT NOT NULL DEFAULT '[]',
    secretary       TEXT CHECK (secretary IS NULL OR secretary <> ''),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT
) STRICT;

CREATE TABLE inspection_scores (
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    criterion       TEXT NOT NULL,
    self_score      REAL,
    appraised_score REAL,
    justification   TEXT, uid TEXT, framework_version TEXT,
    PRIMARY KEY (inspection_id, criterion)
) STRICT;

CREATE TABLE inspections (
    id              INTEGER PRIMARY KEY,
    plan_year       INTEGER NOT NULL,
    agency_code     TEXT NOT NULL REFERENCES agencies (code),
    status          TEXT NOT NULL DEFAULT 'in_progress'
                    CHECK (status IN ('in_progress', 'submitted', 'returned', 'accepted')),
    visit_date      TEXT NOT NULL,
    template_code   TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    review_comment  TEXT,
    locked          INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL, uid TEXT,
    UNIQUE (plan_year, agency_code)
) STRICT;

CREATE TABLE notices (
    id              INTEGER PRIMARY KEY,
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id),
    version         INTEGER NOT NULL,
    number          TEXT NOT NULL,
    issued_on       TEXT NOT NULL,
    signer          TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            INTEGER NOT NULL,
    replaces        INTEGER REFERENCES notices (id),
    reason          TEXT,
    issued_at       TEXT NOT NULL,
    issued_by       TEXT NOT NULL, uid TEXT,
    UNIQUE (inspection_id, version)
) STRICT;

CREATE TABLE "plan_agencies" (
    plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    uid           TEXT NOT NULL UNIQUE,
    mode          TEXT NOT NULL CHECK (mode IN ('manual', 'random', 'rotation')),
    spot_check    INTEGER NOT NULL DEFAULT 0 CHECK (spot_check IN (0, 1)),
    window_from   TEXT,
    window_to     TEXT,
    team_lead_uid TEXT REFERENCES profiles (uid), decision_number TEXT CHECK (decision_number IS NULL OR decision_number <> ''), decision_date TEXT CHECK (decision_date IS NULL OR decision_date <> ''), decision_signer TEXT CHECK (decision_signer IS NULL OR decision_signer <> ''),
    PRIMARY KEY (plan_id, agency_code),
    CHECK (window_from IS NULL OR window_to IS NULL OR window_from <= window_to)
) STRICT;

CREATE TABLE plan_amendments (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    revision      INTEGER NOT NULL,
    at            TEXT NOT NULL,
    profile       TEXT NOT NULL,
    reason        TEXT NOT NULL,
    snapshot      TEXT NOT NULL,
    UNIQUE (plan_id, revision)
) STRICT;

CREATE TABLE plan_exclusions (
    plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    PRIMARY KEY (plan_id, agency_code)
) STRICT;

CREATE TABLE plan_team_members (
    plan_id       INTEGER NOT NULL,
    agency_code   TEXT NOT NULL,
    profile_uid   TEXT NOT NULL REFERENCES profiles (uid),
    PRIMARY KEY (plan_id, agency_code, profile_uid),
    FOREIGN KEY (plan_id, agency_code) REFERENCES plan_agencies (plan_id, agency_code) ON DELETE CASCADE
) STRICT;

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    threshold     REAL NOT NULL DEFAULT 20 CHECK (threshold > 0 AND threshold <= 100),
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    draw_method   TEXT CHECK (draw_method IN ('random', 'rotation')),
    draw_seed     INTEGER,
    revision      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    finalized_at  TEXT, remediation_days INTEGER NOT NULL DEFAULT 30 CHECK (remediation_days > 0), notice_days INTEGER NOT NULL DEFAULT 15 CHECK (notice_days > 0), uid TEXT, cooperation_inspected INTEGER NOT NULL DEFAULT 1 CHECK (cooperation_inspected IN (0, 1)), number TEXT CHECK (number IS NULL OR number <> ''), issued_on TEXT CHECK (issued_on IS NULL OR issued_on <> ''), issuer TEXT CHECK (issuer IS NULL OR issuer <> ''),
    CHECK ((draw_method IS NULL) = (draw_seed IS NULL))
) STRICT;

CREATE TABLE profiles (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    title       TEXT,
    role        TEXT NOT NULL CHECK (role IN ('inspector', 'lead')),
    created_at  TEXT NOT NULL
, uid TEXT, unit TEXT CHECK (unit IS NULL OR unit <> '')) STRICT;

CREATE TABLE seed_log (
    name        TEXT PRIMARY KEY NOT NULL,
    sha256      TEXT NOT NULL,
    loaded_at   TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL
) STRICT;

CREATE TABLE trusted_devices (
    device_id   TEXT PRIMARY KEY NOT NULL,
    public_key  TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    profile     TEXT,           -- the profile name the device last sent
    trusted_at  TEXT NOT NULL,
    trusted_by  TEXT
) STRICT;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_uid_required BEFORE INSERT ON audit_log WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'audit_log.uid is required'); END;

CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN
    SELECT RAISE(ABORT, 'changes are append-only');
END;

CREATE TRIGGER evidence_criteria_uid_required BEFORE INSERT ON evidence_criteria WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'evidence_criteria.uid is required'); END;

CREATE TRIGGER evidence_items_uid_required BEFORE INSERT ON evidence_items WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'evidence_items.uid is required'); END;

CREATE TRIGGER evidence_uid_required BEFORE INSERT ON evidence WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'evidence.uid is required'); END;

CREATE TRIGGER findings_uid_required BEFORE INSERT ON findings WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'findings.uid is required'); END;

CREATE TRIGGER inspection_items_uid_required BEFORE INSERT ON inspection_items WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'inspection_items.uid is required'); END;

CREATE TRIGGER inspection_scores_uid_required BEFORE INSERT ON inspection_scores WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'inspection_scores.uid is required'); END;

CREATE TRIGGER inspections_uid_required BEFORE INSERT ON inspections WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'inspections.uid is required'); END;

CREATE TRIGGER notices_uid_required BEFORE INSERT ON notices WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'notices.uid is required'); END;

CREATE TRIGGER plans_uid_required BEFORE INSERT ON plans WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'plans.uid is required'); END;

CREATE TRIGGER profiles_uid_required BEFORE INSERT ON profiles WHEN NEW.uid IS NULL
BEGIN SELECT RAISE(ABORT, 'profiles.uid is required'); END;
