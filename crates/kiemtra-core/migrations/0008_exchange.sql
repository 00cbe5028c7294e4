-- Team exchange (issue 10): this store's device identity, the devices it trusts, and the change
-- log from which laptops merge each other's work.

-- One row: this store's device. The secret key signs the bundles it exports.
CREATE TABLE device (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    device_id   TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    secret_key  BLOB NOT NULL CHECK (length(secret_key) = 32),
    created_at  TEXT NOT NULL,
    clock       TEXT NOT NULL DEFAULT ''   -- the last hybrid logical clock issued or seen
) STRICT;

-- Devices whose bundles this store accepts (trusted once by the user, then remembered).
CREATE TABLE trusted_devices (
    device_id   TEXT PRIMARY KEY NOT NULL,
    public_key  TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    profile     TEXT,           -- the profile name the device last sent
    trusted_at  TEXT NOT NULL,
    trusted_by  TEXT
) STRICT;

-- Every change of a unit of merge (an answer, a finding, a score, an evidence file with its
-- mapping, a plan entry, an inspection's state…), made here or received. Append-only: a change
-- is never edited; it is superseded by a change that names it among its bases.
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
CREATE INDEX changes_unit ON changes (unit);
CREATE INDEX changes_scope ON changes (year, agency);

-- The edges of the change graph: `change` was made on top of `base`. A change named as a base
-- is no longer a head; a unit with two heads or more is in conflict.
CREATE TABLE change_bases (
    change      TEXT NOT NULL,
    base        TEXT NOT NULL,
    PRIMARY KEY (base, change)
) STRICT;

CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN
    SELECT RAISE(ABORT, 'changes are append-only');
END;
