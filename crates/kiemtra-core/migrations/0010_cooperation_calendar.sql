-- Who is inspected, and the calendar beyond the years with holiday data (issue 11, items 8, 10).

-- Agencies named in an item's Phối hợp column ('provincial', 'commune' or an agency code): the
-- item is a co-operation duty of theirs, apart from the lead duties of checklist_item_scopes.
CREATE TABLE checklist_item_cooperators (
    item_id     INTEGER NOT NULL REFERENCES checklist_items (id) ON DELETE CASCADE,
    scope       TEXT NOT NULL,
    PRIMARY KEY (item_id, scope)
) STRICT;
CREATE INDEX checklist_item_cooperators_scope ON checklist_item_cooperators (scope);

-- The other references of an item the plan states more than once (JSON array), and the
-- figure an item with a target measures: items measuring the same figure with different
-- targets are flagged.
ALTER TABLE checklist_items ADD COLUMN also_refs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE checklist_items ADD COLUMN measure TEXT;

-- The frozen copy keeps them, and whether the item is a lead or a co-operation duty of the
-- inspected agency. Items frozen before were all lead duties.
ALTER TABLE inspection_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'lead' CHECK (kind IN ('lead', 'cooperation'));
ALTER TABLE inspection_items ADD COLUMN also_refs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE inspection_items ADD COLUMN measure TEXT;

-- Whether inspections of the plan's year include the agencies' co-operation duties.
ALTER TABLE plans ADD COLUMN cooperation_inspected INTEGER NOT NULL DEFAULT 1 CHECK (cooperation_inspected IN (0, 1));

-- The body that inspects (Sở Nội vụ in the seed register): never planned for inspection.
ALTER TABLE agencies ADD COLUMN inspecting_body INTEGER NOT NULL DEFAULT 0 CHECK (inspecting_body IN (0, 1));

-- The years whose days off and make-up working days are known; elsewhere only weekends are
-- skipped, and due dates say so.
CREATE TABLE calendar_years (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2200),
    source      TEXT NOT NULL,
    loaded_at   TEXT NOT NULL
) STRICT;
INSERT INTO calendar_years (year, source, loaded_at)
SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER), 'seed', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM calendar_days;
