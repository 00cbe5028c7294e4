-- Annual inspection plans: which agencies, how each was chosen, when and by whom.

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    threshold     REAL NOT NULL DEFAULT 20 CHECK (threshold > 0 AND threshold <= 100),
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    draw_method   TEXT CHECK (draw_method IN ('random', 'rotation')),
    draw_seed     INTEGER,
    revision      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    finalized_at  TEXT,
    CHECK ((draw_method IS NULL) = (draw_seed IS NULL))
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

CREATE TABLE plan_team_members (
    plan_id       INTEGER NOT NULL,
    agency_code   TEXT NOT NULL,
    profile_name  TEXT NOT NULL REFERENCES profiles (name) ON UPDATE CASCADE,
    PRIMARY KEY (plan_id, agency_code, profile_name),
    FOREIGN KEY (plan_id, agency_code) REFERENCES plan_agencies (plan_id, agency_code) ON DELETE CASCADE
) STRICT;

-- Agencies the lead excluded from a plan's draws (a re-draw must respect them).
CREATE TABLE plan_exclusions (
    plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    agency_code   TEXT NOT NULL REFERENCES agencies (code),
    PRIMARY KEY (plan_id, agency_code)
) STRICT;

-- Every amendment of a final plan, with the plan as it stood after it.
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
