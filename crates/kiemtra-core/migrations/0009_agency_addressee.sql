-- Documents name an agency as their addressee ("UBND xã Tam Tiến") and its head by title
-- ("Chủ tịch UBND xã Tam Tiến", "Giám đốc Sở Tư pháp") (issue 11). NULL means derived from the
-- name, block and kind (agency::derived_addressee); a value is what a lead set or imported.
ALTER TABLE agencies ADD COLUMN addressee TEXT CHECK (addressee IS NULL OR addressee <> '');
ALTER TABLE agencies ADD COLUMN head_title TEXT CHECK (head_title IS NULL OR head_title <> '');
