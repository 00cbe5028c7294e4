-- The working-day calendar (days off and make-up working days are data), the plan settings the
-- documents need, and issued documents.

CREATE TABLE calendar_days (
    date        TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('off', 'working')),
    name        TEXT NOT NULL,
    confidence  TEXT
) STRICT;

-- Working days the agency has to report on remediation after a notice (unknown nationally: a
-- per-plan setting), and the working days within which a notice should follow the visit.
ALTER TABLE plans ADD COLUMN remediation_days INTEGER NOT NULL DEFAULT 30 CHECK (remediation_days > 0);
ALTER TABLE plans ADD COLUMN notice_days INTEGER NOT NULL DEFAULT 15 CHECK (notice_days > 0);

-- Issued conclusion notices. A correction is a new version naming the one it replaces; the
-- old file stays.
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
