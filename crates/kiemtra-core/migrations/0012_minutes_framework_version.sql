-- What happened at the visit, as the team enters it for the minutes (issue 11 item 5): the
-- hours ("HH:MM"), the place, the agency's representatives (a JSON array of {name, title}) and
-- the secretary. One row an inspection; absent until something is entered.
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

-- The PAR framework version a score or an evidence mapping was made against (issue 11 item 9):
-- importing an official tree whose "3.7" means something else never re-points them. NULL on
-- rows made before this migration, which were all made against the shipped derived tree.
ALTER TABLE inspection_scores ADD COLUMN framework_version TEXT;
ALTER TABLE evidence_criteria ADD COLUMN framework_version TEXT;
-- Rows made before this migration were made against the version current now (the best that is
-- known): they are marked so, and keep pointing at it whatever is imported later.
UPDATE inspection_scores
   SET framework_version = (SELECT name FROM framework_versions WHERE is_current = 1);
UPDATE evidence_criteria
   SET framework_version = (SELECT name FROM framework_versions WHERE is_current = 1);
