-- Evidence (tài liệu kiểm chứng): files attached to an inspection, stored once by content
-- (SHA-256) under the data directory, mapped to PAR criteria and checklist items.

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
