-- Field inspections: one agency in one year's plan, its checklist frozen at start, the answers,
-- the findings and the scores.

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

-- The checklist as it stood when the inspection started, with the answers beside it.
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
CREATE INDEX findings_inspection ON findings (inspection_id);

-- Self-assessed and appraised scores per PAR criterion.
CREATE TABLE inspection_scores (
    inspection_id   INTEGER NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    criterion       TEXT NOT NULL,
    self_score      REAL,
    appraised_score REAL,
    justification   TEXT,
    PRIMARY KEY (inspection_id, criterion)
) STRICT;
