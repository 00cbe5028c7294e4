-- Remediation follow-up (issue 12): every recommendation of an issued conclusion notice is an
-- entry the agency must act on by its due date, as the notice printed it (the finding's own date,
-- else the plan's working days after the notice). An entry follows its finding: a correction that
-- replaces the notice moves the entry to the new version and its wording and date. The agency's
-- remediation reports are kept one by one (received date, status, note); the entry's status is
-- the last report's. Files the agency sends are kept in the evidence store by SHA-256.
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

CREATE TABLE followup_evidence (
    report_id       INTEGER NOT NULL REFERENCES followup_reports (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            INTEGER NOT NULL CHECK (size > 0),
    media_type      TEXT NOT NULL,
    PRIMARY KEY (report_id, sha256)
) STRICT;

CREATE INDEX followups_due ON followups (due);
CREATE INDEX followup_reports_entry ON followup_reports (followup_id);
