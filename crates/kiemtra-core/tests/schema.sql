CREATE INDEX agencies_block ON agencies (block, active);

CREATE INDEX checklist_item_scopes_scope ON checklist_item_scopes (scope);

CREATE INDEX findings_inspection ON findings (inspection_id);

CREATE TABLE agencies (
    code        TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    block       TEXT NOT NULL CHECK (block IN ('provincial', 'commune')),
    kind        TEXT,            -- xa | phuong for communes; NULL otherwise
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    origin      TEXT NOT NULL CHECK (origin IN ('seed', 'import', 'user'))
) STRICT;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    profile     TEXT,            -- NULL for system actions (seed loading)
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_key  TEXT NOT NULL,
    old_value   TEXT,            -- JSON
    new_value   TEXT             -- JSON
) STRICT;

CREATE TABLE calendar_days (
    date        TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('off', 'working')),
    name        TEXT NOT NULL,
    confidence  TEXT
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
    position      INTEGER NOT NULL,
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

CREATE TABLE evidence (
    id              INTEGER PRIMARY KEY,
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            INTEGER NOT NULL CHECK (size > 0),
    media_type      TEXT NOT NULL,
    captured_at     TEXT NOT NULL,
    captured_by     TEXT NOT NULL,
    UNIQUE (inspection_id, sha256)
) STRICT;

CREATE TABLE evidence_criteria (
    evidence_id     INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    criterion       TEXT NOT NULL,
    PRIMARY KEY (evidence_id, criterion)
) STRICT;

CREATE TABLE evidence_items (
    evidence_id     INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    source_ref      TEXT NOT NULL,
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
    created_by      TEXT NOT NULL,
    CHECK (source_ref IS NOT NULL OR criterion IS NOT NULL)
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
    updated_by      TEXT,
    UNIQUE (inspection_id, source_ref)
) STRICT;

CREATE TABLE inspection_scores (
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    criterion       TEXT NOT NULL,
    self_score      REAL,
    appraised_score REAL,
    justification   TEXT,
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
    created_by      TEXT NOT NULL,
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
    issued_by       TEXT NOT NULL,
    UNIQUE (inspection_id, version)
) STRICT;

CREATE TABLE plan_agencies (
    plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    mode          TEXT NOT NULL CHECK (mode IN ('manual', 'random', 'rotation')),
    spot_check    INTEGER NOT NULL DEFAULT 0 CHECK (spot_check IN (0, 1)),
    window_from   TEXT,
    window_to     TEXT,
    team_lead     TEXT REFERENCES profiles (name) ON UPDATE CASCADE,
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
    profile_name  TEXT NOT NULL REFERENCES profiles (name) ON UPDATE CASCADE,
    PRIMARY KEY (plan_id, agency_code, profile_name),
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
    finalized_at  TEXT, remediation_days INTEGER NOT NULL DEFAULT 30 CHECK (remediation_days > 0), notice_days INTEGER NOT NULL DEFAULT 15 CHECK (notice_days > 0),
    CHECK ((draw_method IS NULL) = (draw_seed IS NULL))
) STRICT;

CREATE TABLE profiles (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    title       TEXT,
    role        TEXT NOT NULL CHECK (role IN ('inspector', 'lead')),
    created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE seed_log (
    name        TEXT PRIMARY KEY NOT NULL,
    sha256      TEXT NOT NULL,
    loaded_at   TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
